package dev.handoff.transcript;

import dev.handoff.text.Invisible;

/**
 * The rule for what replay prints in every report (transcript ids, expected criteria, routes):
 * no control character (an escape sequence would recolour a terminal) and no text-direction
 * character (U+202E would reorder a pull-request comment). One rule, so that import refuses
 * what replay would refuse instead of writing a file replay cannot read.
 */
public final class VisibleNames {

    /** What to do about a hidden character. */
    public static final String HINT = "remove it: control and text-direction characters would hide or reorder what reports show";

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
            return String.format("contains the invisible character U+%04X at position %d", codePoint, position);
        }
    }

    /** The first hidden character of {@code value}, or null when it has none. */
    public static Hidden firstHidden(String value) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            if (Invisible.isHidden(cp)) {
                return new Hidden(cp, position);
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
