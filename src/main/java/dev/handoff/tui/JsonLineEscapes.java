package dev.handoff.tui;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.handoff.text.Invisible;

/**
 * How the JSON lines of {@code handoff tail} escape strings: as JSON requires (quote, backslash,
 * C0 controls such as ESC as {@code \\u001B}), and also DEL, the C1 controls U+0080-U+009F (U+009B is
 * a one-byte CSI that many terminals obey), the text-direction marks, overrides and isolates, and
 * U+2028/U+2029. A name sent to the inbox goes to stdout, which is often a terminal or a log
 * viewed on one; written raw, those characters would drive or reorder it. The line stays valid
 * JSON and decodes to the same strings.
 */
final class JsonLineEscapes extends CharacterEscapes {

    static final JsonLineEscapes INSTANCE = new JsonLineEscapes();

    private final int[] ascii;

    private JsonLineEscapes() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7f] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    /** Called by the generator for each character above 0x7F. */
    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (!Invisible.needsEscape(ch)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(6);
        Invisible.appendEscape(sb, (char) ch);
        return new SerializedString(sb.toString());
    }
}
