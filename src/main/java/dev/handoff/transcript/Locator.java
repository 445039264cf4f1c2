package dev.handoff.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;

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
        dev.handoff.files.EditorLines lines = factory instanceof com.fasterxml.jackson.dataformat.yaml.YAMLFactory
                ? dev.handoff.files.EditorLines.forYaml(text) : null;
        for (JsonPointer p = target; p != null; p = p.head()) {
            JsonLocation loc = wanted.get(p);
            if (loc != null) {
                return dev.handoff.files.EditorLines.of(lines, loc);
            }
        }
        return new int[]{1, 1};
    }
}
