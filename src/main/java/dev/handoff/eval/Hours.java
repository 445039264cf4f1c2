package dev.handoff.eval;

import java.util.Locale;

/**
 * Whether a handoff happened inside working hours (an operator would join) or outside (the user
 * gets the outside-working-hours message). UNKNOWN when neither the trigger message nor the
 * transcript has a timestamp.
 */
public enum Hours {
    INSIDE, OUTSIDE, UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Hours parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
