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

    /** A run of control characters (C0, DEL and C1: \p{Cntrl} misses the one-byte CSI U+009B), text-direction characters or white space. */
    public static final Pattern HIDDEN_OR_SPACE = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F\\s" + BIDI + "]+");
    /** A run of control or text-direction characters. */
    public static final Pattern HIDDEN = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F" + BIDI + "]+");

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

    /**
     * What {@link #escaped} replaces: the hidden characters, the Unicode line and paragraph separators,
     * and the zero-width space, word joiner and byte-order mark, which would make a real change read
     * as {@code "Billing" -> "Billing"}. (The zero-width joiners stay: emoji and some scripts need them.)
     */
    public static boolean needsEscape(int cp) {
        return isHidden(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
    }

    /**
     * One line of text that may quote a server's answer or a file's bytes, made safe to print: every
     * control character (line breaks and tabs too: a message is one line), every text-direction
     * character and U+2028/U+2029 is shown as a visible escape, {@code \\u001B}. Nothing in it can
     * then start an escape sequence (ESC, the one-byte CSI U+009B), set the window title (OSC),
     * ring the bell, clear the screen or reorder the line; and the reader sees that something was
     * there, which removing it would hide. Null becomes "null", as string concatenation has it.
     */
    public static String escaped(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                appendEscape(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** {@code \\u001B} for ESC: the form Java and JSON would read back. */
    public static void appendEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(String.format("%04X", (int) c));
    }
}
