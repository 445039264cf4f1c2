package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.handoff.config.yaml.LocatedTree;

/**
 * A node of the document being checked, with its JSON pointer (to find its location) and the
 * field path shown to the user ({@code custom_guidelines[name=Refund requests].description}).
 */
record Cursor(JsonNode node, String pointer, String path) {

    static Cursor root(JsonNode root) {
        return new Cursor(root, "", "");
    }

    Cursor child(String key) {
        JsonNode child = node.get(key);
        return new Cursor(child == null ? MissingNode.getInstance() : child, LocatedTree.pointer(pointer, key),
                path.isEmpty() ? key : path + "." + key);
    }

    /** A list item, shown by its name (or title) when it has one, else by its index. */
    Cursor item(int index, String labelField) {
        JsonNode item = node.get(index);
        String label = String.valueOf(index);
        if (labelField != null && item != null && item.path(labelField).isTextual() && !item.path(labelField).asText().isBlank()) {
            String text = item.path(labelField).asText();
            // a path names the item; a 2000-character name would drown the message
            label = labelField + "=" + dev.handoff.text.Shorten.to(text, 40);
        }
        return new Cursor(item == null ? MissingNode.getInstance() : item, LocatedTree.pointer(pointer, index),
                path + "[" + label + "]");
    }

    /** The field a list item is named by in paths: its name, else its title, else none (its index). */
    static String labelFieldOf(JsonNode item) {
        return item.path("name").isTextual() ? "name" : item.path("title").isTextual() ? "title" : null;
    }

    boolean present() {
        return !node.isMissingNode();
    }

    /** The path shown for the document itself. */
    String shownPath() {
        return path.isEmpty() ? "(document)" : path;
    }
}
