package dev.handoff.transcript;

import dev.handoff.text.Invisible;

/**
 * The rule for what replay prints in every report (transcript ids, expected criteria, routes):
 * no control character (an escape sequence would recolour a terminal), no text-direction
 * character (U+202E would reorder a pull-request comment), and nothing that is not a Unicode
 * character: a lone half of a surrogate pair ({@code "\ud800"}, left by an export that cut an
 * emoji in two) or a noncharacter (U+FFFF) is written as '?' or U+FFFD by UTF-8 and XML, so two
 * ids would become one and a baseline would not match its own run. One rule, so that import
 * refuses what replay would refuse instead of writing a file replay cannot read.
 */
public final class VisibleNames {

    /** What to do about a hidden character. */
    public static final String HINT = "remove it: control and text-direction characters would hide or reorder what reports show";
    /** What to do about a lone surrogate or a noncharacter. */
    public static final String NOT_UNICODE_HINT = "remove it (or write the whole character): reports cannot write it,"
            + " so ids would no longer match their baseline";

    private VisibleNames() {
    }

    /**
     * A hidden character in a name.
     *
     * @param position 1-based, in characters as an editor counts them (code points)
     */
    public record Hidden(int codePoint, int position) {

        /** "contains the invisible character U+202E at position 3". */
        public String describe() {
            String at = String.format("U+%04X", codePoint);
            String what = codePoint >= 0xD800 && codePoint <= 0xDFFF ? at + ", half of a UTF-16 surrogate pair,"
                    : Invisible.isHidden(codePoint) ? "the invisible character " + at : "the Unicode noncharacter " + at;
            return "contains " + what + " at position " + position;
        }

        /** The hint that fits the character. */
        public String hint() {
            return Invisible.isHidden(codePoint) ? HINT : NOT_UNICODE_HINT;
        }
    }

    /** The first hidden character of {@code value}, or null when it has none. */
    public static Hidden firstHidden(String value) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            if (Invisible.isHidden(cp) || notUnicode(cp)) {
                return new Hidden(cp, position);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** The first half of a surrogate pair without its other half, in any text (a message too); null when there is none. */
    public static Hidden firstLoneSurrogate(String value) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                return new Hidden(cp, position);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    /** A lone surrogate (codePointAt returns one when its pair is missing) or one of Unicode's 66 noncharacters. */
    private static boolean notUnicode(int cp) {
        return (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }
}
