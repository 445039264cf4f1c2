package dev.handoff.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the line and column of a field by parsing the text once more. Only called when a
 * transcript is wrong, so reading good transcripts never pays for locations.
 */
final class Locator {

    private Locator() {
    }

    /**
     * {line, column} (1-based, relative to {@code text}) of the field at {@code target}, or of its
     * nearest enclosing field when it does not exist (a missing field is reported at its parent).
     */
    static int[] locate(JsonFactory factory, String text, JsonPointer target) {
        Map<JsonPointer, JsonLocation> wanted = new HashMap<>();
        for (JsonPointer p = target; p != null; p = p.head()) {
            wanted.put(p, null);
        }
        try (JsonParser parser = factory.createParser(text)) {
            while (parser.nextToken() != null) {
                JsonPointer here = parser.getParsingContext().pathAsPointer();
                if (wanted.containsKey(here) && wanted.get(here) == null) {
                    wanted.put(here, parser.currentTokenLocation());
                    if (here.equals(target)) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the text parsed once already; if it does not now, the best we have is what was found
        }
        // YAML counts U+0085, U+2028 and U+2029 as line breaks; an editor (and JSON) does not
        dev.handoff.files.EditorLines lines = editorLines(factory, text);
        for (JsonPointer p = target; p != null; p = p.head()) {
            JsonLocation loc = wanted.get(p);
            if (loc != null) {
                return dev.handoff.files.EditorLines.of(lines, loc);
            }
        }
        return new int[]{1, 1};
    }

    /** A key written twice in one mapping: where the second is, and where the first. */
    record Duplicate(String name, int line, int column, int firstLine, int firstColumn) {
    }

    /** The first key repeated in one mapping of {@code text} (positions as in {@link #locate}), or null. */
    static Duplicate duplicateKey(JsonFactory factory, String text) {
        java.util.Deque<Map<String, JsonLocation>> mappings = new java.util.ArrayDeque<>();
        try (JsonParser parser = factory.createParser(text)) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT) {
                    mappings.push(new HashMap<>());
                } else if (token == JsonToken.END_OBJECT) {
                    mappings.pop();
                } else if (token == JsonToken.FIELD_NAME && !mappings.isEmpty()) {
                    JsonLocation first = mappings.peek().putIfAbsent(parser.currentName(), parser.currentTokenLocation());
                    if (first != null) {
                        dev.handoff.files.EditorLines lines = editorLines(factory, text);
                        int[] at = dev.handoff.files.EditorLines.of(lines, parser.currentTokenLocation());
                        int[] was = dev.handoff.files.EditorLines.of(lines, first);
                        return new Duplicate(parser.currentName(), at[0], at[1], was[0], was[1]);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the parser said the key repeats; if it cannot be found again, its own position stands
        }
        return null;
    }

    private static dev.handoff.files.EditorLines editorLines(JsonFactory factory, String text) {
        return factory instanceof com.fasterxml.jackson.dataformat.yaml.YAMLFactory ? dev.handoff.files.EditorLines.forYaml(text) : null;
    }
}
