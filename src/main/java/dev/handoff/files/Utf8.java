package dev.handoff.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding that says where the first bad byte is, for file:line:column messages. */
public final class Utf8 {

    private Utf8() {
    }

    /** The first invalid byte: 1-based line and column (in characters) and its value. */
    public static final class MalformedException extends Exception {
        private final int line;
        private final int column;
        private final int badByte;

        MalformedException(int line, int column, int badByte) {
            super(String.format("not valid UTF-8 (byte 0x%02X)", badByte));
            this.line = line;
            this.column = column;
            this.badByte = badByte;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public int badByte() {
            return badByte;
        }
    }

    /** The text without a leading byte-order mark. */
    public static String decode(byte[] bytes) throws MalformedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int column = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new MalformedException(line, column, bytes[bad] & 0xFF);
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
