package dev.handoff.queue;

import java.util.Locale;

/** Where a handoff is in its life (seed live-agent-handoff-queue: Pending, In progress, Resolved). */
public enum Status {
    PENDING("Pending"),
    IN_PROGRESS("In progress"),
    RESOLVED("Resolved");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The wire form: "pending", "in_progress", "resolved". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The transitions operators may make: claim (Pending to In progress), release (back to
     * Pending), resolve (from Pending or In progress). Resolved is final.
     */
    public boolean canMoveTo(Status next) {
        return switch (this) {
            case PENDING -> next == IN_PROGRESS || next == RESOLVED;
            case IN_PROGRESS -> next == PENDING || next == RESOLVED;
            case RESOLVED -> false;
        };
    }

    public static Status parse(String value) {
        for (Status s : values()) {
            if (s.id().equalsIgnoreCase(value) || s.label.equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status '" + value + "' (pending, in_progress, resolved)");
    }
}
