package dev.handoff.files;

import dev.handoff.text.ShellWords;

/**
 * A file saved as UTF-16 (Excel's "Unicode Text", Windows tools) read where UTF-8 is expected:
 * told apart by its byte-order mark or, without one, by ASCII text whose every second byte is
 * NUL. Said as what it is, with the command that converts it, instead of a bad byte, a header
 * full of NULs or a question about the delimiter.
 */
public final class Utf16 {

    /** Byte pairs looked at without a byte-order mark; fewer than this is too little to tell. */
    private static final int PAIRS = 32;
    private static final int MIN_PAIRS = 2;

    private Utf16() {
    }

    /**
     * @param head the first bytes of the file (more than {@code 2 * PAIRS} are not looked at)
     * @return the iconv name of the encoding ("UTF-16" with a byte-order mark, else "UTF-16LE" or "UTF-16BE"), or null
     */
    public static String detect(byte[] head, int length) {
        if (length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            return "UTF-16";
        }
        int pairs = Math.min(length / 2, PAIRS);
        if (pairs < MIN_PAIRS) {
            return null;
        }
        boolean little = true;
        boolean big = true;
        for (int i = 0; i < pairs; i++) {
            byte first = head[2 * i];
            byte second = head[2 * i + 1];
            little &= first != 0 && second == 0;
            big &= first == 0 && second != 0;
        }
        return little ? "UTF-16LE" : big ? "UTF-16BE" : null;
    }

    /** "this file is UTF-16, not UTF-8". */
    public static String problem() {
        return "this file is UTF-16, not UTF-8";
    }

    /** "convert it with iconv -f UTF-16 -t UTF-8 u16.csv > u16.utf8.csv". */
    public static String hint(String encoding, String file) {
        int dot = file.lastIndexOf('.');
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        String converted = dot > slash + 1 ? file.substring(0, dot) + ".utf8" + file.substring(dot) : file + ".utf8";
        return "convert it with iconv -f " + encoding + " -t UTF-8 " + ShellWords.quote(file) + " > " + ShellWords.quote(converted);
    }
}
