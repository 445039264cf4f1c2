package dev.handoff.sync;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Edits of a JSON document at an RFC 6901 pointer whose parent exists (Jackson reads pointers, it does not
 * write through them): what the checks after a write use to rebuild the state a write left.
 */
final class PointerEdits {

    private PointerEdits() {
    }

    /** Sets the value (or, with "-" as the last token, appends it); false when the parent is not there. */
    static boolean set(ObjectNode document, String pointer, JsonNode value) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = document.at(at.head());
        String token = at.last().getMatchingProperty();
        if (parent instanceof ObjectNode o) {
            o.set(token, value.deepCopy());
            return true;
        }
        if (parent instanceof ArrayNode a) {
            if (token.equals("-")) {
                a.add(value.deepCopy());
                return true;
            }
            int i = at.last().getMatchingIndex();
            if (i >= 0 && i < a.size()) {
                a.set(i, value.deepCopy());
                return true;
            }
        }
        return false;
    }

    /** Removes the member or the list element; false when it is not there. */
    static boolean remove(ObjectNode document, String pointer) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode parent = document.at(at.head());
        if (parent instanceof ObjectNode o) {
            return o.remove(at.last().getMatchingProperty()) != null;
        }
        int i = at.last().getMatchingIndex();
        if (parent instanceof ArrayNode a && i >= 0 && i < a.size()) {
            a.remove(i);
            return true;
        }
        return false;
    }

    /** The list index a pointer ends with, or -1. */
    static int lastIndex(String pointer) {
        return JsonPointer.compile(pointer).last().getMatchingIndex();
    }
}
