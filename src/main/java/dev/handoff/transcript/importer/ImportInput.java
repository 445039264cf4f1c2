package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import dev.handoff.files.LocatingUtf8Reader;
import dev.handoff.files.Utf16;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One file (or stdin) to import. Opened as strict UTF-8 with a leading byte-order mark removed,
 * because spreadsheet exports often start with one and it would otherwise stick to the first
 * column's name.
 *
 * @param path     the file to open; null for stdin
 * @param display  how messages name it (the path as the user typed it)
 * @param stem     how ids and the default source name it; null: the file name without extension.
 *                 Set by {@link InputNames} when two inputs share a file name
 * @param fileName what {@code meta.file} says; null: the file name
 */
public record ImportInput(Path path, Path display, InputStream stdin, String stem, String fileName) {

    public static ImportInput of(Path path) {
        return new ImportInput(path, path, null, null, null);
    }

    /** A file opened at {@code path} but named {@code display} in messages. */
    public static ImportInput of(Path path, Path display) {
        return new ImportInput(path, display, null, null, null);
    }

    public static ImportInput stdin(InputStream in) {
        return new ImportInput(null, Path.of("<stdin>"), in, null, null);
    }

    /** The same input, named {@code stem} in ids and {@code fileName} in {@code meta.file}. */
    ImportInput named(String stem, String fileName) {
        return new ImportInput(path, display, stdin, stem, fileName);
    }

    /** How errors name this input. */
    public Path displayPath() {
        return display;
    }

    /** The file name without directory and extension (unless another name was given), for default source names and ids. */
    public String stem() {
        if (stem != null) {
            return stem;
        }
        if (path == null) {
            return "stdin";
        }
        return withoutExtension(display.getFileName().toString());
    }

    /** For {@code meta.file}: the file name, or the end of the path that tells it from another input's; null for stdin. */
    public String fileName() {
        if (path == null) {
            return null;
        }
        return fileName != null ? fileName : display.getFileName().toString();
    }

    static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public InputStream openStream() {
        if (path == null) {
            return stdin;
        }
        try {
            if (Files.isDirectory(path)) {
                throw HandoffException.usage(display + ": is a directory, not an export file", "pass the file itself");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // a pipe (a FIFO, or <(...) as /dev/fd/63): the stream of Files.newInputStream answers
                // available() by seeking, which a pipe refuses ("Illegal seek"); FileInputStream asks the pipe
                return new FileInputStream(path.toFile());
            }
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(display + ": no such file", "check the path");
        } catch (IOException e) {
            throw HandoffException.usage(display + ": cannot read: " + e.getMessage(), "check the path and permissions");
        }
    }

    /** A strict UTF-8 reader without the byte-order mark. */
    /**
     * True when the input can be read a second time (to find where a bad byte is): a regular
     * file, not stdin or a pipe, whose content is gone once read.
     */
    public boolean rereadable() {
        return path != null && Files.isRegularFile(path);
    }

    public Reader openReader() {
        InputStream raw = new BufferedInputStream(openStream(), 1 << 16);
        try {
            raw.mark(64);
            byte[] head = raw.readNBytes(64);
            String utf16 = Utf16.detect(head, head.length);
            if (utf16 != null) {
                // read as UTF-8 it is a bad first byte or a header of NULs: say what it is and how to convert it
                raw.close();
                throw HandoffException.usage(new dev.handoff.error.SourceLocation(displayPath(), 1, 1) + ": " + Utf16.problem(),
                        Utf16.hint(utf16, path == null ? "FILE" : displayPath().toString()));
            }
            raw.reset();
            boolean bom = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (bom) {
                raw.skipNBytes(3);
            }
        } catch (IOException e) {
            throw HandoffException.usage(displayPath() + ": cannot read: " + e.getMessage(), null);
        }
        return new LocatingUtf8Reader(raw);
    }

    /** Where a decoding failure of {@link #openReader()} is: the bad byte's line and column, else {@code fallback}. */
    public String badByteAt(java.nio.charset.CharacterCodingException e, String fallback) {
        return e instanceof LocatingUtf8Reader.BadByte b
                ? new dev.handoff.error.SourceLocation(displayPath(), b.line(), b.column()).toString()
                : fallback;
    }
}
