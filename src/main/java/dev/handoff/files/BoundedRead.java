package dev.handoff.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole local file that has a size limit, without trusting the size the file system
 * reports: a pipe ({@code <(...)}), a device ({@code /dev/zero}) or a symbolic link to one reports
 * none, and reading it to its end would take the whole heap. At most one byte past the limit is
 * read.
 */
public final class BoundedRead {

    private BoundedRead() {
    }

    /** The file holds more than the limit allows. */
    public static final class TooLarge extends Exception {
        private final long size;

        TooLarge(long size) {
            super(null, null, false, false);
            this.size = size;
        }

        /** The file's size in bytes, or -1 when it has none (a pipe or a device). */
        public long size() {
            return size;
        }
    }

    /** The bytes of the file, when there are at most {@code maxBytes}. */
    public static byte[] read(Path file, long maxBytes) throws IOException, TooLarge {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new TooLarge(Files.size(file)); // known before reading a byte
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        }
        if (bytes.length > maxBytes) {
            throw new TooLarge(Files.isRegularFile(file) ? Files.size(file) : -1);
        }
        return bytes;
    }

    /** "the file is 10.5 MB" or, for a pipe or a device, "the file is larger than 5 MB (it is not a regular file ...)". */
    public static String describe(TooLarge e, long maxBytes) {
        return e.size() >= 0 ? String.format(java.util.Locale.ROOT, "the file is %.1f MB", e.size() / 1_000_000.0)
                : "the file is larger than " + limit(maxBytes) + " (it is not a regular file: a pipe or a device)";
    }

    /** A limit as it is set: "5 MB", "256 KB". */
    public static String limit(long maxBytes) {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB"
                : maxBytes % 1024 == 0 ? maxBytes / 1024 + " KB" : maxBytes + " bytes";
    }
}
