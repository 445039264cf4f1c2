package dev.handoff.text;

/** What can go into an HTTP header value: API keys and tokens are sent there. */
public final class HeaderText {

    private HeaderText() {
    }

    /**
     * What in {@code value} cannot go into an HTTP header value (visible ASCII and inner spaces
     * only), in words and without the value ("a line break at character 14"), or null when it can.
     * The HTTP library's own message quotes the whole value: a secret must never reach it.
     */
    public static String unsendable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || (c > 0x20 && c < 0x7f)) {
                continue;
            }
            String what = c == '\n' || c == '\r' ? "a line break" : c == '\t' ? "a tab"
                    : c < 0x20 || c == 0x7f ? String.format("a control character (U+%04X)", (int) c)
                    : String.format("a non-ASCII character (U+%04X)", (int) c);
            return what + " at character " + (i + 1);
        }
        return null;
    }
}
