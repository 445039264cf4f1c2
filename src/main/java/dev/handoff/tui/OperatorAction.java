package dev.handoff.tui;

import dev.handoff.queue.Status;

/** What an operator can do to the selected handoff, and the status it leads to. */
public enum OperatorAction {
    CLAIM("claim", "claiming", "claimed", Status.IN_PROGRESS),
    RELEASE("release", "releasing", "released", Status.PENDING),
    RESOLVE("resolve", "resolving", "resolved", Status.RESOLVED);

    private final String verb;
    private final String doing;
    private final String done;
    private final Status target;

    OperatorAction(String verb, String doing, String done, Status target) {
        this.verb = verb;
        this.doing = doing;
        this.done = done;
        this.target = target;
    }

    public String verb() {
        return verb;
    }

    /** "claiming": for the status line while the source is asked. */
    public String doing() {
        return doing;
    }

    /** "claimed": for the status line once the source agreed. */
    public String done() {
        return done;
    }

    public Status target() {
        return target;
    }

    /** An action the view allowed on one handoff; the UI sends it to the source and reports back. */
    /** @param receivedAt the shown handoff's received_at, null when the source gives none */
    public record Request(OperatorAction action, long id, java.time.Instant receivedAt) {
    }
}
