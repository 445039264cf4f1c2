package dev.handoff.transcript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a JSONL stream, split on the raw bytes and each decoded strictly as UTF-8 on its
 * own. A decoding reader over the whole stream fails when it fills its buffer, before the lines
 * already in that buffer are handed out, and cannot say on which line the bad byte is; here a bad
 * byte spoils only its own line, every line before it is handed out first, and reading goes on
 * with the next line.
 *
 * <p>Lines end as {@link java.io.BufferedReader#readLine()} ends them: at {@code \n}, {@code \r}
 * or {@code \r\n} (neither byte occurs inside a UTF-8 sequence). A line is returned as soon as its
 * end has arrived, so a pipe is read as it streams. Memory: the read buffer plus the longest line
 * so far (shrunk again after an unusually long one); there is no limit on a line's length, as
 * there was none with {@code readLine}.
 */
final class JsonLines implements AutoCloseable {

    /** One line: its text, or where it stops being UTF-8. */
    sealed interface Line permits Text, NotUtf8 {
    }

    /** A line decoded in full, without its line end (a byte-order mark is kept: the caller decides). */
    record Text(String text) implements Line {
    }

    /**
     * A line that is not UTF-8: the first bad byte, its 1-based column in characters as an editor
     * counts them (an emoji is one; a byte-order mark at the start counts one, see
     * {@link #afterBom()}) and whether the line starts with a UTF-8 byte-order mark.
     */
    record NotUtf8(int column, int badByte, boolean afterBom) implements Line {
    }

    private static final int READ_SIZE = 1 << 16;
    private static final int KEEP_LINE_BUFFER = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[READ_SIZE];
    private int pos;
    private int limit;
    private boolean eof;
    /** The previous line ended with '\r': a '\n' right after it belongs to that end. */
    private boolean afterCr;
    private byte[] line = new byte[1024];
    private int lineLength;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    JsonLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    eof = true;
                    if (lineLength == 0) {
                        return null; // like readLine: a final line end does not start another line
                    }
                    return decode();
                }
            }
            if (afterCr) {
                afterCr = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                afterCr = buf[pos] == '\r';
                pos++;
                return decode();
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void append(int from, int count) {
        if (count == 0) {
            return;
        }
        if (lineLength + count > line.length) {
            long wanted = Math.max((long) line.length * 2, (long) lineLength + count);
            line = Arrays.copyOf(line, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
        System.arraycopy(buf, from, line, lineLength, count);
        lineLength += count;
    }

    private Line decode() {
        ByteBuffer bytes = ByteBuffer.wrap(line, 0, lineLength);
        CharBuffer chars = CharBuffer.allocate(lineLength);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        Line out;
        if (result.isError()) {
            int bad = bytes.position();
            int column = 1;
            for (int i = 0; i < bad; i++) {
                if ((line[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            boolean bom = lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF;
            out = new NotUtf8(column, line[bad] & 0xFF, bom);
        } else {
            chars.flip();
            out = new Text(chars.toString());
        }
        if (line.length > KEEP_LINE_BUFFER) {
            line = new byte[1024]; // one very long line does not keep its buffer for the rest of the file
        }
        return out;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only; nothing to lose
        }
    }
}
