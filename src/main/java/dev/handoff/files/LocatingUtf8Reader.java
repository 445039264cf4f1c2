package dev.handoff.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that knows where the first bad byte is, also in a pipe that cannot be
 * read twice: {@link java.io.InputStreamReader} fails while filling its buffer, tens of
 * kilobytes before the parser reaches the byte, so the parser's position says nothing. The
 * characters before the bad byte are handed out first; the read after them throws {@link BadByte}.
 */
public final class LocatingUtf8Reader extends Reader {

    /** The first invalid byte: 1-based line and column (in characters, as an editor counts) and its value. */
    public static final class BadByte extends CharacterCodingException {
        private final int line;
        private final int column;
        private final int value;

        BadByte(int line, int column, int value) {
            this.line = line;
            this.column = column;
            this.value = value;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        @Override
        public String getMessage() {
            return String.format("not valid UTF-8 (byte 0x%02X) at line %d, column %d", value, line, column);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    private boolean eof;
    private boolean flushed;
    private BadByte bad;
    /** Where the next decoded character stands. */
    private int line = 1;
    private int column = 1;

    public LocatingUtf8Reader(InputStream in) {
        this.in = in;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (bad != null) {
                throw bad;
            }
            if (flushed) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        if (!eof) {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
            count(chars.position());
            bad = new BadByte(line, column, bytes.get(bytes.position()) & 0xFF);
        } else if (eof && !bytes.hasRemaining()) {
            decoder.flush(chars);
            flushed = true;
            count(chars.position());
        } else {
            count(chars.position());
        }
        chars.flip();
    }

    private void count(int decoded) {
        for (int i = 0; i < decoded; i++) {
            char c = chars.get(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
