package dev.handoff.queue;

import java.time.Instant;

/**
 * What an operator does to a handoff (seed live-agent-handoff-queue: claim, release, resolve).
 * The rules live here, independent of storage and HTTP, so that every front end applies the
 * same ones; {@link Status#canMoveTo} decides which status changes exist at all.
 */
public enum QueueAction {
    CLAIM,
    RELEASE,
    RESOLVE;

    /** The result of applying an action to the current state of a handoff. */
    public sealed interface Outcome {
        /** The action changed the handoff; {@code next} has the new status and version. */
        record Changed(Handoff next) implements Outcome {
        }

        /**
         * Repeating what already happened, as a retry whose answer was lost does (the holder
         * claiming again, the resolver resolving again, a release of what nobody holds): nothing
         * to write.
         */
        record Unchanged(Handoff current) implements Outcome {
        }

        /**
         * Not allowed now; {@code claimedBy} names who holds it when that is the reason, and
         * {@code current} who resolved it and when. The error does not name the holder ("already
         * claimed"), so that a client can append " by bob".
         */
        record Refused(String error, String claimedBy, Handoff current) implements Outcome {
        }
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public Outcome apply(Handoff h, String operator, Instant now) {
        return switch (this) {
            case CLAIM -> claim(h, operator, now);
            case RELEASE -> release(h, operator, now);
            case RESOLVE -> resolve(h, operator, now);
        };
    }

    private static Outcome claim(Handoff h, String operator, Instant now) {
        return switch (h.status()) {
            case PENDING -> new Outcome.Changed(with(h, Status.IN_PROGRESS, operator, now));
            case IN_PROGRESS -> operator.equals(h.claimedBy())
                    ? new Outcome.Unchanged(h)
                    : new Outcome.Refused("already claimed", h.claimedBy(), h);
            case RESOLVED -> new Outcome.Refused("already resolved; a resolved handoff cannot be claimed", null, h);
        };
    }

    private static Outcome release(Handoff h, String operator, Instant now) {
        return switch (h.status()) {
            // the inbox keeps no record of who released it: nobody holds it, which is all a release asks
            case PENDING -> new Outcome.Unchanged(h);
            case IN_PROGRESS -> operator.equals(h.claimedBy())
                    ? new Outcome.Changed(with(h, Status.PENDING, null, now))
                    : new Outcome.Refused("already claimed", h.claimedBy(), h);
            case RESOLVED -> new Outcome.Refused("already resolved; a resolved handoff cannot be released", null, h);
        };
    }

    private static Outcome resolve(Handoff h, String operator, Instant now) {
        return switch (h.status()) {
            case PENDING -> new Outcome.Changed(resolved(h, operator, now));
            case IN_PROGRESS -> operator.equals(h.claimedBy())
                    ? new Outcome.Changed(resolved(h, operator, now))
                    : new Outcome.Refused("already claimed", h.claimedBy(), h);
            case RESOLVED -> operator.equals(h.resolvedBy())
                    ? new Outcome.Unchanged(h)
                    : new Outcome.Refused("already resolved", null, h);
        };
    }

    /** claimed_by only names a current holder; who resolved it and when stay in resolved_by and resolved_at. */
    private static Handoff resolved(Handoff h, String operator, Instant now) {
        Handoff next = with(h, Status.RESOLVED, null, now);
        return new Handoff(next.id(), next.agentId(), next.agentExternalId(), next.name(), next.phoneNumber(),
                next.summary(), next.reason(), next.createdAt(), next.receivedAt(), next.status(), null,
                next.updatedAt(), next.version(), operator, now);
    }

    private static Handoff with(Handoff h, Status next, String claimedBy, Instant now) {
        if (!h.status().canMoveTo(next)) {
            throw new IllegalStateException(h.status() + " cannot move to " + next);
        }
        return new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.createdAt(), h.receivedAt(), next, claimedBy, now, h.version() + 1,
                h.resolvedBy(), h.resolvedAt());
    }
}
