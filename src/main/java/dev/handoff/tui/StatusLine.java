package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

/**
 * The message at the bottom of the queue screen: what the operator's last action did, why it
 * was not done, or a notice. A failure to reach the source is stale once the source is live
 * again and leaves then; a refusal stays, because it is still true.
 */
final class StatusLine {

    private QueueView.Message message;
    private boolean sourceFailure;

    void show(String text, boolean error) {
        message = text == null ? null : new QueueView.Message(text, error);
        sourceFailure = false;
    }

    QueueView.Message message() {
        return message;
    }

    /** The source is live after being down. */
    void sourceBack() {
        if (sourceFailure) {
            show(null, false);
        }
    }

    void nothingSelected(OperatorAction action) {
        show("nothing selected to " + action.verb(), true);
    }

    void notAllowed(OperatorAction action, Handoff h) {
        show("cannot " + action.verb() + " #" + h.id() + ": " + describeStatus(h) + named(h), true);
    }

    void sent(OperatorAction action, Handoff h) {
        show(action.doing() + " " + ref(h) + "...", false);
    }

    void done(OperatorAction action, Handoff h) {
        show(action.done() + " " + ref(h), false);
    }

    /**
     * The source refused (409: someone else holds it; 401/403) or could not be asked.
     * {@code h} is the handoff as shown, or null when it left the queue meanwhile.
     */
    void failed(OperatorAction action, long id, Handoff h, HandoffException error) {
        boolean refused = error.kind() == HandoffException.Kind.CONFLICT || error.kind() == HandoffException.Kind.AUTH;
        show(action.verb() + " #" + id + (refused ? " refused: " : " failed: ") + Text.clean(error.getMessage())
                + (h != null ? named(h) : ""), true);
        sourceFailure = !refused;
    }

    /**
     * {@code c} on a handoff {@code operator} holds already: no conflict and nothing to send, said
     * as such (not "cannot claim ... claimed by alice" to alice). True when it was.
     */
    boolean alreadyYours(OperatorAction action, Handoff h, String operator) {
        if (action != OperatorAction.CLAIM || h.status() != Status.IN_PROGRESS || operator == null
                || !operator.equals(h.claimedBy())) {
            return false;
        }
        show("#" + h.id() + " is already yours, claimed by " + person(h.claimedBy()) + named(h), false);
        return true;
    }

    /**
     * Display columns a customer's name keeps in a message. The line is cut to the screen's width,
     * so in a refusal what matters (the outcome, "claimed by bob") comes first and the name last.
     */
    static final int NAME_COLUMNS = 20;

    /** An operator's name: an e-mail address fits. */
    static final int PERSON_COLUMNS = 40;

    /** " (Maria-Fernanda Gonz…)" after a refusal, or nothing for a handoff without a name. */
    private static String named(Handoff h) {
        String name = Cells.cut(Text.clean(h.name()).strip(), NAME_COLUMNS);
        return name.isBlank() ? "" : " (" + name + ")";
    }

    private static String ref(Handoff h) {
        String name = Cells.cut(Text.clean(h.name()).strip(), NAME_COLUMNS);
        return "#" + h.id() + (name.isBlank() ? "" : " (" + name + ")");
    }

    /** An operator's name, cut: it comes from the server. */
    private static String person(String name) {
        return Cells.cut(Text.clean(name).strip(), PERSON_COLUMNS);
    }

    private static String describeStatus(Handoff h) {
        if (h.status() == Status.IN_PROGRESS && h.claimedBy() != null) {
            return h.status().label() + ", claimed by " + person(h.claimedBy());
        }
        return h.status().label();
    }
}
