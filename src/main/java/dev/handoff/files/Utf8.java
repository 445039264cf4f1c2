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

    /**
     * Where the first bad byte of a stream is, as {line, column} (1-based), or null when all of it
     * is UTF-8. A decoding reader reports a bad byte when it fills its buffer, well before the
     * parser reaches it, so the parser's position cannot say where the byte is.
     */
    public static int[] locateMalformed(java.io.InputStream stream) throws java.io.IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] chunk = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer out = CharBuffer.allocate(chunk.length + 8);
        int line = 1;
        int column = 1;
        boolean end = false;
        while (!end) {
            int n = stream.read(chunk, 0, Math.min(chunk.length, in.remaining()));
            end = n < 0;
            if (n > 0) {
                in.put(chunk, 0, n);
            }
            in.flip();
            CoderResult result = decoder.decode(in, out, end);
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c == '\n') {
                    line++;
                    column = 1;
                } else if (!Character.isLowSurrogate(c)) {
                    column++;
                }
            }
            out.clear();
            if (result.isError()) {
                return new int[] {line, column};
            }
            in.compact();
        }
        return null;
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
