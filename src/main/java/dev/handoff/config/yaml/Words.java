package dev.handoff.config.yaml;

import java.util.Optional;

/**
 * The longest word handoff gives the YAML reader. SnakeYAML looks ahead through one scalar a
 * character at a time, copying its buffer at each step: a 2 MB word took 10 s, a 5 MB one a
 * minute, inside the size limit. No configuration or message needs a word near this long.
 */
public final class Words {

    /** Characters (code points) in a row without a space, a line break or a flow indicator. */
    public static final int MAX = 256 * 1024;

    public static final String MESSAGE = "more than " + String.format(java.util.Locale.ROOT, "%,d", MAX)
            + " characters without a space or line break; handoff reads no longer word";
    public static final String HINT =
            "break the text up (a long quoted text may continue on the next line), or check that this is the file you meant";

    /** Where a word starts: line and column count as an editor does (columns in characters, from 1). */
    public record Position(int line, int column) {
    }

    private Words() {
    }

    /**
     * The first word longer than {@link #MAX}. Commas, brackets and braces end a word too: minified
     * JSON (which is YAML) joins thousands of short values with them, and each value is its own scalar.
     */
    public static Optional<Position> firstTooLong(String text) {
        int run = 0;
        int runStart = 0;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                line++;
                lineStart = i + 1;
                run = 0;
            } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}') {
                run = 0;
            } else if (!Character.isLowSurrogate(ch)) {
                if (run == 0) {
                    runStart = i;
                }
                if (++run > MAX) {
                    return Optional.of(new Position(line, text.codePointCount(lineStart, runStart) + 1));
                }
            }
        }
        return Optional.empty();
    }
}
