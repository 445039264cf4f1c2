package dev.handoff.text;

/**
 * A report for people with the tool's own colours: what it says (field paths, values, messages,
 * file names: text from files and servers) and the colour codes handoff adds, kept apart. The text
 * is escaped as {@link Invisible#escaped} escapes it (ESC shows as {@code \u001B}) when it is added,
 * the colours are not; so a name holding {@code ESC[2J} or an OSC title is shown, never obeyed, and
 * the colours still colour. {@link TerminalWriter} prints it as it is; every other text it prints
 * is escaped whole.
 */
public final class Styled {

    public static final String RED = "\u001b[31m";
    public static final String GREEN = "\u001b[32m";
    public static final String YELLOW = "\u001b[33m";
    public static final String BOLD_RED = "\u001b[1;31m";
    public static final String BOLD_YELLOW = "\u001b[1;33m";
    public static final String GREY = "\u001b[90m";
    private static final String RESET = "\u001b[0m";

    private final String rendered;

    private Styled(String rendered) {
        this.rendered = rendered;
    }

    /** @param color whether {@link Builder#paint} adds colour codes (else it adds only the text) */
    public static Builder builder(boolean color) {
        return new Builder(color);
    }

    /** The text as the terminal gets it: escaped text and, when asked for, colour codes. */
    @Override
    public String toString() {
        return rendered;
    }

    public boolean isEmpty() {
        return rendered.isEmpty();
    }

    public static final class Builder {
        private final boolean color;
        private final StringBuilder sb = new StringBuilder();

        private Builder(boolean color) {
            this.color = color;
        }

        /** Text from anywhere, on one line: every control character (a line break too) is escaped. */
        public Builder text(String text) {
            sb.append(Invisible.escaped(text));
            return this;
        }

        /** Text in one of the colours above, when colour is on. */
        public Builder paint(String colour, String text) {
            if (color) {
                sb.append(colour).append(Invisible.escaped(text)).append(RESET);
            } else {
                sb.append(Invisible.escaped(text));
            }
            return this;
        }

        public Builder newline() {
            sb.append('\n');
            return this;
        }

        public Builder append(Styled styled) {
            sb.append(styled.rendered);
            return this;
        }

        public Styled build() {
            return new Styled(sb.toString());
        }
    }
}
