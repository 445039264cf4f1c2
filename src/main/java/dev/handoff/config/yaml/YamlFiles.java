package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        String text = readUtf8(file, MAX_BYTES);
        if (text.isBlank()) {
            throw HandoffException.usage(file + ": the file is empty", "write a YAML document into it, or pass another file");
        }
        return parse(file, text);
    }

    public static JsonNode parse(Path file, String text) {
        try {
            JsonNode node = Yaml.yaml().readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw HandoffException.usage(file + ": the file holds no YAML document", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw LocatedTree.malformed(file, e);
        }
    }

    /** Reads a whole file as strict UTF-8, refusing files above {@code maxBytes}. */
    public static String readUtf8(Path file, long maxBytes) {
        return readUtf8(file, file, maxBytes);
    }

    /** Like {@link #readUtf8(Path, long)}, naming the file in messages as the user wrote it. */
    public static String readUtf8(Path file, Path shownAs, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw HandoffException.usage(String.format(java.util.Locale.ROOT, "%s: the file is %.1f MB; at most %d MB is accepted", shownAs,
                        size / 1_000_000.0, maxBytes / (1024 * 1024)), "check that this is the file you meant");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw HandoffException.usage(shownAs + ": no such file", "check the path");
        } catch (java.nio.file.AccessDeniedException e) {
            throw HandoffException.usage(shownAs + ": cannot read: permission denied", "check the file's permissions");
        } catch (IOException e) {
            throw HandoffException.usage(shownAs + ": cannot read: " + e.getMessage(), null);
        }
        return decodeUtf8(shownAs, bytes);
    }

    static String decodeUtf8(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            int line = 1;
            int col = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            throw HandoffException.usage(new SourceLocation(file, line, col) + ": not valid UTF-8 (byte 0x"
                    + String.format("%02X", bytes[bad] & 0xFF) + ")", "save the file as UTF-8");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }
}
