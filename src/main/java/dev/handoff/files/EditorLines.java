package dev.handoff.files;

import com.fasterxml.jackson.core.JsonLocation;

import java.util.Arrays;

/**
 * Positions as an editor counts them: lines broken at "\n", "\r\n" and "\r" only. YAML also
 * breaks lines at U+0085, U+2028 and U+2029, which shifts every later line of its own count; its
 * parser's character offset (in code points) is mapped back here. Built once per text, each
 * position is then a binary search, so a large file with such a character is not read again per
 * token.
 */
public final class EditorLines {

    /** The code point index at which each line starts. */
    private final int[] starts;

    private EditorLines(int[] starts) {
        this.starts = starts;
    }

    public static EditorLines of(String text) {
        int[] starts = new int[16];
        int lines = 1;
        int n = 0;
        for (int i = 0; i < text.length(); n++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || (cp == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = n + 1;
            }
        }
        return new EditorLines(Arrays.copyOf(starts, lines));
    }

    /** The lines of a YAML text whose parser counts lines otherwise, or null when it counts them alike. */
    public static EditorLines forYaml(String text) {
        boolean differs = text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0;
        return differs ? of(text) : null;
    }

    /** The code point index of a 1-based {line, column}; -1 when the text has no such line. */
    public int index(int line, int column) {
        return line < 1 || line > starts.length || column < 1 ? -1 : starts[line - 1] + column - 1;
    }

    /** {line, column}, 1-based, of a code point index. */
    public int[] position(int codePointIndex) {
        int at = Arrays.binarySearch(starts, codePointIndex);
        int line = at >= 0 ? at : -at - 2;
        return new int[] {line + 1, codePointIndex - starts[line] + 1};
    }

    /** {line, column} of a YAML parser's location; {@code lines} null means the parser's own count is right. */
    public static int[] of(EditorLines lines, JsonLocation loc) {
        if (lines == null || loc.getCharOffset() < 0) {
            return new int[] {loc.getLineNr(), loc.getColumnNr()};
        }
        return lines.position((int) loc.getCharOffset());
    }
}
