package dev.handoff.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.diff.DocumentDiff;

/**
 * Applies an RFC 6902 patch (test, add, remove, replace), to check that a diff's patch really
 * turns remote into local, and that a failed {@code test} stops it (a stale patch).
 */
public final class JsonPatchApplier {

    private JsonPatchApplier() {
    }

    public static JsonNode apply(JsonNode patch, JsonNode document) {
        JsonNode doc = document.deepCopy();
        for (JsonNode op : patch) {
            String path = op.get("path").asText();
            int cut = path.lastIndexOf('/');
            JsonNode parent = doc.at(path.substring(0, cut));
            String last = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
            switch (op.get("op").asText()) {
                case "test" -> {
                    JsonNode actual = doc.at(path);
                    if (actual.isMissingNode() || !DocumentDiff.same(actual, op.get("value"))) {
                        throw new TestFailed(path, op.get("value"), actual);
                    }
                }
                case "add" -> {
                    if (parent.isArray()) {
                        if (last.equals("-")) {
                            ((ArrayNode) parent).add(op.get("value"));
                        } else {
                            ((ArrayNode) parent).insert(Integer.parseInt(last), op.get("value"));
                        }
                    } else {
                        ((ObjectNode) parent).set(last, op.get("value"));
                    }
                }
                case "remove" -> {
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        if (!parent.has(last)) {
                            throw new AssertionError("remove of a missing member " + path);
                        }
                        ((ObjectNode) parent).remove(last);
                    }
                }
                case "replace" -> {
                    if (parent.isArray()) {
                        ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value"));
                    } else {
                        ((ObjectNode) parent).set(last, op.get("value"));
                    }
                }
                default -> throw new AssertionError("unexpected op " + op);
            }
        }
        return doc;
    }

    /** A {@code test} operation found another value: the patch was made for another document. */
    public static final class TestFailed extends RuntimeException {
        TestFailed(String path, JsonNode expected, JsonNode actual) {
            super("test failed at " + path + ": expected " + expected + ", found " + actual);
        }
    }
}
