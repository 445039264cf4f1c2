package dev.handoff.eval;

import java.util.Locale;

/**
 * When a labelled transcript's handoff happened compared with its label. Premature and late
 * need {@code expect.turn}: without it the label makes no claim about timing.
 */
public enum Timing {
    /** Expected; fired before {@code expect.turn}. */
    PREMATURE,
    /** Expected; fired after {@code expect.turn} (still correct, but later than it could have). */
    LATE,
    /** Expected; fired at {@code expect.turn}, or at any turn when the label has no turn. */
    ON_TIME,
    /** Expected; never fired. */
    MISSED,
    /** Not expected; fired. */
    UNWANTED,
    /** Not expected; never fired. */
    QUIET;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Timing parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
