package dev.handoff.text;

/**
 * Shortens a text for a message by code points: a cut by UTF-16 units can split an emoji's surrogate
 * pair, which prints as '?' (custom_guidelines[name=😀😀?...]).
 */
public final class Shorten {

    private Shorten() {
    }

    /** The text itself when it has at most {@code max} code points, else its first {@code max - 3} and "...". */
    public static String to(String text, int max) {
        if (text.length() <= max || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 3)) + "...";
    }
}
