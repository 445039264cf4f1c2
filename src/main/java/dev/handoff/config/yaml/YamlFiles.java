package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.BoundedRead;
import dev.handoff.files.Utf8;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads local YAML files with errors a user can act on: missing, empty, too large, not UTF-8
 * (with the line and column of the first bad byte), malformed YAML (with Jackson's location),
 * duplicate keys.
 */
public final class YamlFiles {

    /** Configuration and transcript files are small; anything larger is a mistake, not data. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    private YamlFiles() {
    }

    public static JsonNode readTree(Path file) {
        return readTree(file, file);
    }

    /** Like {@link #readTree(Path)}, naming the file in messages as the user wrote it (or relative to the work folder). */
    public static JsonNode readTree(Path file, Path shownAs) {
        String text = readUtf8(file, shownAs, MAX_BYTES);
        if (text.isBlank()) {
            throw HandoffException.usage(shownAs + ": the file is empty", "write a YAML document into it, or pass another file");
        }
        return parse(shownAs, text);
    }

    public static JsonNode parse(Path file, String text) {
        try {
            LocatedTree.refuseUnprintable(file, text);
            refuseAliases(file, text);
            Yaml.firstMergeKey(text).ifPresent(at -> {
                throw HandoffException.usage(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + Yaml.MERGE_KEY_MESSAGE,
                        Yaml.MERGE_KEY_HINT);
            });
            JsonNode node = Yaml.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw HandoffException.usage(file + ": the file holds no YAML document", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw LocatedTree.malformed(file, e, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a String source does not fail to read
        }
    }

    /**
     * Jackson's tree reading does not resolve YAML aliases: {@code token: *x} would silently read as
     * the text "x" (a credentials file would send the alias name as the token). Cheap to find: only
     * a text holding '*' can have one.
     */
    private static void refuseAliases(Path file, String text) {
        Yaml.firstAlias(text).ifPresent(at -> {
            throw HandoffException.usage(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": YAML aliases (*name) are not supported",
                    "write the value out in full where the alias is");
        });
    }

    /**
     * Reads a whole file as strict UTF-8, refusing files above {@code maxBytes}; a pipe or a device
     * is read up to one byte past the limit, never to its end.
     */
    public static String readUtf8(Path file, long maxBytes) {
        return readUtf8(file, file, maxBytes);
    }

    /** Like {@link #readUtf8(Path, long)}, naming the file in messages as the user wrote it. */
    public static String readUtf8(Path file, Path shownAs, long maxBytes) {
        byte[] bytes;
        try {
            bytes = BoundedRead.read(file, maxBytes);
        } catch (BoundedRead.TooLarge e) {
            throw HandoffException.usage(shownAs + ": " + BoundedRead.describe(e, maxBytes) + "; at most " + BoundedRead.limit(maxBytes)
                    + " is accepted", "check that this is the file you meant");
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(shownAs + ": no such file", "check the path");
        } catch (java.nio.file.AccessDeniedException e) {
            throw HandoffException.usage(shownAs + ": cannot read: permission denied", "check the file's permissions");
        } catch (IOException e) {
            if (java.nio.file.Files.isDirectory(file)) {
                throw HandoffException.usage(shownAs + ": is a folder, not a file", "name the file itself");
            }
            throw HandoffException.usage(shownAs + ": cannot read: " + e.getMessage(), "check the path and the file's permissions");
        }
        return decodeUtf8(shownAs, bytes);
    }

    static String decodeUtf8(Path file, byte[] bytes) {
        try {
            return Utf8.decode(bytes);
        } catch (Utf8.MalformedException e) {
            throw HandoffException.usage(new SourceLocation(file, e.line(), e.column()) + ": " + e.getMessage(),
                    "save the file as UTF-8");
        }
    }
}
