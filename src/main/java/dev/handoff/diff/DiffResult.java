package dev.handoff.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The changes from the remote document to the local one, in document order, and the same as an
 * RFC 6902 JSON Patch that turns the remote (canonical order) into the local file's document.
 */
public record DiffResult(List<Change> changes, ArrayNode patch) {

    /** Changes that would alter the remote (unchanged and uncompared secrets are notes, not changes). */
    public List<Change> effective() {
        return changes.stream().filter(Change::isChange).toList();
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(Change::isChange);
    }

    public long count(Class<? extends Change> kind) {
        return effective().stream().filter(kind::isInstance).count();
    }

    public long secrets(Change.SecretState state) {
        return changes.stream().filter(c -> c instanceof Change.SecretCompared s && s.state() == state).count();
    }

    public ObjectNode summary() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("changes", effective().size());
        s.put("added", count(Change.Added.class));
        s.put("removed", count(Change.Removed.class));
        s.put("modified", count(Change.Modified.class));
        s.put("secrets_changed", secrets(Change.SecretState.CHANGED));
        s.put("secrets_unchanged", secrets(Change.SecretState.UNCHANGED));
        s.put("secrets_not_compared", secrets(Change.SecretState.NOT_COMPARED));
        return s;
    }
}
