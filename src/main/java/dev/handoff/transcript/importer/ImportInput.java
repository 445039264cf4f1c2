package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One file (or stdin) to import. Opened as strict UTF-8 with a leading byte-order mark removed,
 * because spreadsheet exports often start with one and it would otherwise stick to the first
 * column's name.
 *
 * @param path    the file to open; null for stdin
 * @param display how messages name it (the path as the user typed it)
 */
public record ImportInput(Path path, Path display, InputStream stdin) {

    public static ImportInput of(Path path) {
        return new ImportInput(path, path, null);
    }

    /** A file opened at {@code path} but named {@code display} in messages. */
    public static ImportInput of(Path path, Path display) {
        return new ImportInput(path, display, null);
    }

    public static ImportInput stdin(InputStream in) {
        return new ImportInput(null, Path.of("<stdin>"), in);
    }

    /** How errors name this input. */
    public Path displayPath() {
        return display;
    }

    /** The file name without directory and extension, for default source names and ids. */
    public String stem() {
        if (path == null) {
            return "stdin";
        }
        String name = display.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public String fileName() {
        return path == null ? null : display.getFileName().toString();
    }

    public InputStream openStream() {
        if (path == null) {
            return stdin;
        }
        try {
            if (Files.isDirectory(path)) {
                throw HandoffException.usage(display + ": is a directory, not an export file", "pass the file itself");
            }
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(display + ": no such file", "check the path");
        } catch (IOException e) {
            throw HandoffException.usage(display + ": cannot read: " + e.getMessage(), "check the path and permissions");
        }
    }

    /** A strict UTF-8 reader without the byte-order mark. */
    public Reader openReader() {
        InputStream raw = new BufferedInputStream(openStream(), 1 << 16);
        try {
            raw.mark(3);
            byte[] head = raw.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (!bom) {
                raw.reset();
            }
        } catch (IOException e) {
            throw HandoffException.usage(displayPath() + ": cannot read: " + e.getMessage(), null);
        }
        return new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
