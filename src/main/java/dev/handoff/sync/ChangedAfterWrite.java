package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffPath;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.diff.ServerManaged;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes made to the remote after the write, told without the write's answer (a 204, an answer that leaves
 * write-only fields out): where this push sent what the remote held before it, and the remote read right
 * after the write holds something else, someone changed it after the write. A server normalising what it
 * stores changes what it was sent, not what it already held. Recording that read as the file's version would
 * make the next push send the file's text back over the change, with exit 0.
 */
final class ChangedAfterWrite {

    private ChangedAfterWrite() {
    }

    /**
     * The remote as this write left it: the read after it with those changes undone. Null when no such change
     * is seen; then the read is what the write stored (and its differences from what was sent are the server's).
     */
    static RemoteSnapshot writtenState(Session session, LocalConfig desired, RemoteSnapshot before, ObjectNode body,
                                       ObjectNode answer, RemoteSnapshot readBack) {
        if (before == null || !before.exists() || readBack == null || !readBack.exists()) {
            return null;
        }
        RemoteSnapshot sent = AfterWrite.snapshot(session, desired, body);
        // where the write's own answer already reads as the read after it, the value is what the write stored
        List<List<Object>> answerDiffers = answerDiffers(session, desired, answer, readBack);
        // what this push itself changed: there, a difference may be the server's answer to the change
        List<Change> pushChanges = DocumentDiff.compare(desired.provider(), before.masked().document(), sent.masked().document(),
                SecretComparator.NONE).changes().stream().filter(c -> !(c instanceof Change.SecretCompared)).toList();
        List<List<Object>> pushed = pushChanges.stream().map(c -> key(c.path())).toList();
        // the items this push added (an item it only edited inside is no new one: renamed or deleted after the write, it counts)
        java.util.Set<List<Object>> pushedItems = new java.util.HashSet<>();
        pushChanges.stream().filter(c -> c instanceof Change.Added && lastIsItem(c.path())).forEach(c -> pushedItems.add(key(c.path())));
        ObjectNode state = readBack.clear().deepCopy();
        boolean undone = false;
        List<String> removals = new java.util.ArrayList<>();
        List<Change> changes = DocumentDiff.compare(desired.provider(), readBack.clear(), sent.clear(), SecretComparator.NONE).changes();
        // lists where an item this push added is not in the read under its name: the server may have renamed it
        java.util.Set<List<Object>> renamedMaybe = new java.util.HashSet<>();
        for (Change c : changes) {
            List<Object> key = key(c.path());
            if (c instanceof Change.Added && lastIsItem(c.path()) && pushedItems.contains(key)) {
                renamedMaybe.add(key.subList(0, key.size() - 1));
            }
        }
        // the items only the read has in those lists, by their shown path: their secrets are the renamed item's
        java.util.Set<String> renamedItems = new java.util.HashSet<>();
        for (Change c : changes) {
            List<Object> key = key(c.path());
            if (c instanceof Change.Removed && lastIsItem(c.path()) && renamedMaybe.contains(key.subList(0, key.size() - 1))) {
                renamedItems.add(c.path().display());
            }
        }
        for (Change c : changes) {
            List<Object> key = key(c.path());
            boolean pushedHere = c instanceof Change.Added && lastIsItem(c.path()) ? pushedItems.contains(key) : touches(pushed, key);
            if (c instanceof Change.SecretCompared || ServerManaged.assigned(String.valueOf(c.path().lastField()))
                    || pushedHere || answerDiffers != null && !touches(answerDiffers, key)
                    // a key the vendor does not document: a counter or a default the server keeps, not anyone's edit
                    || dev.handoff.config.yaml.CanonicalForm.underUnknownKey(desired.provider(), steps(c.path()))) {
                continue;
            }
            JsonNode at = state.at(c.path().pointer());
            if (at instanceof ArrayNode set && (c instanceof Change.Added || c instanceof Change.Removed) && !lastIsItem(c.path())) {
                // a keyword, e-mail or user id: added to or taken from the set after the write
                undone |= c instanceof Change.Added a ? set.add(a.value()) != null : removeValue(set, ((Change.Removed) c).value());
            } else if (c instanceof Change.Modified m) {
                undone |= PointerEdits.set(state, c.path().pointer(), m.to());
            } else if (c instanceof Change.Removed && lastIsItem(c.path()) && !renamedMaybe.contains(key.subList(0, key.size() - 1))) {
                // an item only the read has: added after the write, unless an item this push added is missing from that
                // list (then it may be the server's name for it)
                removals.add(c.path().pointer()); // after the loop: a removal moves the indices the other pointers use
            } else if (c instanceof Change.Removed r && !lastIsItem(c.path()) && !neutral(r.value())) {
                // a field only the read has, with a value someone chose (disableAI: true, a webhook); false, {} or "" is a
                // default the server fills in
                undone |= PointerEdits.remove(state, c.path().pointer());
            } else if (c instanceof Change.Added a) {
                // sent as the remote held it, gone from the read: removed after the write (the diff shows secrets hidden, so
                // the value put back is the one sent)
                JsonNode sentValue = at(sent.clear(), c.path());
                undone |= PointerEdits.set(state, c.path().pointer(), sentValue != null ? sentValue : a.value());
            }
        }
        undone |= secretsPutBack(before, sent, readBack, answer == null || answer.isEmpty() ? null
                : safeSnapshot(session, desired, answer), renamedItems, state);
        removals.sort(java.util.Comparator.comparingInt(PointerEdits::lastIndex).reversed());
        for (String pointer : removals) {
            undone |= PointerEdits.remove(state, pointer);
        }
        return undone ? AfterWrite.snapshot(session, desired, state) : null;
    }

    /**
     * The paths where the write's answer and the read after it differ, or null when the answer holds no document (every
     * path may then have moved after the write).
     */
    private static List<List<Object>> answerDiffers(Session session, LocalConfig desired, ObjectNode answer,
                                                             RemoteSnapshot readBack) {
        if (answer == null || answer.isEmpty()) {
            return null;
        }
        try {
            RemoteSnapshot answered = AfterWrite.snapshot(session, desired, answer);
            return DocumentDiff.compare(desired.provider(), readBack.clear(), answered.clear(), SecretComparator.NONE).changes().stream()
                    .filter(c -> !(c instanceof Change.SecretCompared)).map(c -> key(c.path())).toList();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A secret this push sent as the remote held it, with another value in the read: rotated after the write. */
    private static boolean secretsPutBack(RemoteSnapshot before, RemoteSnapshot sent, RemoteSnapshot readBack, RemoteSnapshot answered,
                                          java.util.Set<String> renamedItems, ObjectNode state) {
        Map<String, JsonNode> held = new HashMap<>();
        before.masked().secrets().forEach(s -> held.put(s.path(), s.value()));
        Map<String, JsonNode> sentValues = new HashMap<>();
        sent.masked().secrets().forEach(s -> sentValues.put(s.path(), s.value()));
        Map<String, JsonNode> answeredValues = new HashMap<>();
        if (answered != null) {
            answered.masked().secrets().forEach(s -> answeredValues.put(s.path(), s.value()));
        }
        boolean undone = false;
        List<String> added = new java.util.ArrayList<>();
        for (Secrets.Secret s : readBack.masked().secrets()) {
            JsonNode value = sentValues.get(s.path());
            // (not where the server may have renamed an item this push added: its secrets then have other paths)
            if (value == null && renamedItems.stream().noneMatch(item -> s.path().startsWith(item + "."))
                    && !held.containsKey(s.path()) && !answeredValues.containsKey(s.path())) {
                added.add(s.pointer()); // a header no one sent or held: set after the write (no server invents a credential)
                continue;
            }
            // the answer showing the read's value: the server stored it so, at the write
            if (value != null && value.equals(held.get(s.path())) && !value.equals(s.value()) && !s.value().equals(answeredValues.get(s.path()))) {
                undone |= PointerEdits.set(state, s.pointer(), value);
            }
        }
        for (String pointer : added) {
            undone |= PointerEdits.remove(state, pointer);
        }
        return undone;
    }

    private static RemoteSnapshot safeSnapshot(Session session, LocalConfig desired, ObjectNode document) {
        try {
            return AfterWrite.snapshot(session, desired, document);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }


    /** A path as items are told apart (key and value), whatever their index on either side. */
    private static List<Object> key(DiffPath path) {
        return path.segments().stream().map(s -> s instanceof DiffPath.Item i ? (Object) List.of(i.key(), i.value()) : s).toList();
    }

    /** One path is the other or lies inside it. */
    private static boolean touches(List<List<Object>> pushed, List<Object> path) {
        for (List<Object> p : pushed) {
            int n = Math.min(p.size(), path.size());
            if (p.subList(0, n).equals(path.subList(0, n))) {
                return true;
            }
        }
        return false;
    }

    /** The place's field names from the root, an item as "[]", as the canonical form's documented keys are written. */
    private static List<String> steps(DiffPath path) {
        return path.segments().stream().map(s -> s instanceof DiffPath.Field f ? f.name() : "[]").toList();
    }

    private static boolean removeValue(ArrayNode set, JsonNode value) {
        for (int i = 0; i < set.size(); i++) {
            if (set.get(i).equals(value)) {
                set.remove(i);
                return true;
            }
        }
        return false;
    }

    /** The value at a diff's path in a document, items found by their key; null when it is not there. */
    private static JsonNode at(JsonNode document, DiffPath path) {
        JsonNode node = document;
        for (DiffPath.Segment segment : path.segments()) {
            if (segment instanceof DiffPath.Field f) {
                node = node.get(f.name());
            } else if (segment instanceof DiffPath.Item i && node != null && node.isArray()) {
                JsonNode found = null;
                for (JsonNode item : node) {
                    if (item.path(i.key()).asText().equals(i.value())) {
                        found = item;
                        break;
                    }
                }
                node = found;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** A value a server fills in by default: false, nothing, or an empty text, list or mapping. */
    private static boolean neutral(JsonNode value) {
        return value == null || value.isNull() || value.isBoolean() && !value.asBoolean()
                || value.isTextual() && value.asText().isEmpty() || value.isContainerNode() && value.isEmpty();
    }

    private static boolean lastIsItem(DiffPath path) {
        return !path.segments().isEmpty() && path.segments().get(path.segments().size() - 1) instanceof DiffPath.Item;
    }

}
