package dev.handoff.text;

import java.util.regex.Pattern;

/**
 * Characters that must not reach a terminal, a report or a chat message as they are: control
 * characters (an ESC starts an escape sequence) and the bidirectional overrides and isolates,
 * which reorder the rest of a line (U+202E shows "refund" as "dnufer"). One definition for every
 * place that prints text it was given.
 */
public final class Invisible {

    /** The bidirectional marks, overrides and isolates, as a regex character-class body. */
    private static final String BIDI = "\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069";

    /** A run of control characters, text-direction characters or white space. */
    public static final Pattern HIDDEN_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s" + BIDI + "]+");
    /** A run of control or text-direction characters. */
    public static final Pattern HIDDEN = Pattern.compile("[\\p{Cntrl}" + BIDI + "]+");

    private Invisible() {
    }

    /** A bidirectional mark, override or isolate. */
    public static boolean isBidiControl(int cp) {
        return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** A control character (C0, DEL, C1) or a text-direction character. */
    public static boolean isHidden(int cp) {
        return Character.isISOControl(cp) || isBidiControl(cp);
    }
}
