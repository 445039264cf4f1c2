package dev.handoff.files;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Columns as an editor counts them: one per character (code point), so an emoji is one column.
 * Jackson's JSON and CSV parsers count UTF-16 units when they read text (an emoji is two), while
 * YAML counts code points; every message says {@code file:line:column} the same way through here.
 */
public final class CodePointColumns {

    private CodePointColumns() {
    }

    /**
     * The code point column of a UTF-16 column of {@code line}.
     *
     * @param utf16Column 1-based; 0 or less (unknown) is returned as it is
     */
    public static int of(String line, int utf16Column) {
        if (utf16Column < 1) {
            return utf16Column;
        }
        int end = Math.min(line.length(), utf16Column - 1);
        return line.codePointCount(0, end) + (utf16Column - 1 - end) + 1;
    }

    /**
     * A reader that notes where surrogate pairs pass through it, so a streaming parser's UTF-16
     * position (character offset and column) can be told in code points without keeping the
     * text. One bit per character read since {@link #forgetBefore(long)} was last called: the
     * caller forgets what lies before the record it is reading, and memory stays small.
     */
    public static final class Tracking extends FilterReader {

        /** Bit i set: the character at offset {@code base + i} is the second half of a pair. */
        private long[] bits = new long[16];
        /** Words of {@code bits} that may hold a set bit. */
        private int used;
        private long base;
        private long offset;
        private boolean afterHigh;

        public Tracking(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                note((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                note(buf[off + i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would lose count of the offsets; parsers read, they do not skip
            char[] sink = new char[(int) Math.min(n, 8192)];
            int r = read(sink, 0, sink.length);
            return Math.max(r, 0);
        }

        private void note(char c) {
            if (afterHigh && Character.isLowSurrogate(c) && offset >= base) {
                long i = offset - base;
                int word = (int) (i >>> 6);
                if (word >= bits.length) {
                    bits = Arrays.copyOf(bits, Math.max(bits.length * 2, word + 1));
                }
                bits[word] |= 1L << (i & 63);
                used = Math.max(used, word + 1);
            }
            afterHigh = Character.isHighSurrogate(c);
            offset++;
        }

        /**
         * The code point column of a parser's position.
         *
         * @param charOffset  the 0-based UTF-16 offset of the position in the whole input; negative: unknown
         * @param utf16Column the parser's 1-based column there
         */
        public int column(long charOffset, int utf16Column) {
            if (charOffset < 0 || utf16Column < 1) {
                return utf16Column;
            }
            long lineStart = charOffset - (utf16Column - 1);
            return utf16Column - pairsBetween(lineStart, charOffset);
        }

        private int pairsBetween(long from, long to) {
            int count = 0;
            for (long i = Math.max(from, base) - base; i < to - base; i++) {
                int word = (int) (i >>> 6);
                if (word >= used) {
                    break;
                }
                if ((i & 63) == 0 && i + 64 <= to - base) {
                    count += Long.bitCount(bits[word]);
                    i += 63;
                } else if ((bits[word] & (1L << (i & 63))) != 0) {
                    count++;
                }
            }
            return count;
        }

        /** Positions before {@code charOffset} will not be asked about again. */
        public void forgetBefore(long charOffset) {
            long whole = (charOffset - base) >> 6;
            if (whole <= 0) {
                return;
            }
            // only the words in use move, so forgetting after every short record costs little
            int drop = (int) Math.min(whole, used);
            System.arraycopy(bits, drop, bits, 0, used - drop);
            Arrays.fill(bits, used - drop, used, 0L);
            used -= drop;
            base += whole << 6;
        }
    }
}
