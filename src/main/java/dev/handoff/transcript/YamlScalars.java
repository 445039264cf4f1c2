package dev.handoff.transcript;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Gives back the text as written where a transcript expects a string. YAML 1.1 reads an unquoted
 * {@code 010} as the number 8, {@code 0012} as 10 and {@code yes}, {@code no}, {@code on},
 * {@code off} as booleans: an id {@code 010} would become "8" and a user who typed "yes" would
 * be refused. The YAML parser keeps each scalar's source text ({@code getText()} on a number or
 * boolean token returns what was written), so those fields are read again from it.
 */
final class YamlScalars {

    private YamlScalars() {
    }

    /** Replaces, in {@code root}, numbers and booleans in string fields by their text in {@code yaml}. */
    static void keepWrittenText(JsonNode root, String yaml) {
        Set<JsonPointer> coerced = new HashSet<>();
        if (root == null || !root.isObject()) {
            return;
        }
        note(coerced, root, "/id");
        JsonNode messages = root.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = 0; i < messages.size(); i++) {
                for (String field : new String[]{"role", "text", "media"}) {
                    note(coerced, root, "/messages/" + i + "/" + field);
                }
            }
        }
        note(coerced, root, "/expect/route");
        JsonNode criteria = root.at("/expect/criteria");
        if (criteria.isArray()) {
            for (int i = 0; i < criteria.size(); i++) {
                note(coerced, root, "/expect/criteria/" + i);
            }
        }
        if (coerced.isEmpty()) {
            return;   // the usual case: every string field is already a string, nothing is read again
        }
        try (JsonParser p = Yaml.yamlFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isScalarValue() && t != JsonToken.VALUE_STRING) {
                    JsonPointer here = p.getParsingContext().pathAsPointer();
                    if (coerced.contains(here)) {
                        replace(root, here, p.getText());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // it parsed once already; if it does not now, the fields keep the values YAML gave them
        }
    }

    private static void note(Set<JsonPointer> coerced, JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isNumber() || node.isBoolean()) {
            coerced.add(JsonPointer.compile(pointer));
        }
    }

    private static void replace(JsonNode root, JsonPointer at, String text) {
        JsonNode parent = root.at(at.head());
        String last = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(last, TextNode.valueOf(text));
        } else if (parent instanceof ArrayNode a) {
            a.set(at.last().getMatchingIndex(), TextNode.valueOf(text));
        }
    }
}
