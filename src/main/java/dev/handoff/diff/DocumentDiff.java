package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.CatyConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Semantic diff of a remote document against a local one. List elements are paired by identity
 * ({@link ListMatcher}), lists of plain values are compared as sets, server-managed fields are left
 * out ({@link ServerManaged}) and secrets are compared through a {@link SecretComparator}, so no
 * secret value ever reaches a {@link Change} or the patch.
 */
public final class DocumentDiff {

    /** What the patch and the changes show in place of a secret the file holds in clear. */
    public static final String HIDDEN = "<secret>";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private final Provider provider;
    private final SecretComparator secrets;
    private final List<Change> changes = new ArrayList<>();
    private final ArrayNode patch = NODES.arrayNode();

    private DocumentDiff(Provider provider, SecretComparator secrets) {
        this.provider = provider;
        this.secrets = secrets;
    }

    /**
     * @param remote the remote document with its secrets already replaced by placeholders
     * @param local  the local document (no {@code x-handoff} header)
     */
    public static DiffResult compare(Provider provider, JsonNode remote, JsonNode local, SecretComparator secrets) {
        DocumentDiff diff = new DocumentDiff(provider, secrets);
        if (provider == Provider.CATY) {
            // 'user_request: true' and '{enabled: true}' are one setting: compare what they mean
            remote = CatyConfig.longForm(remote);
            local = CatyConfig.longForm(local);
        }
        diff.node(DiffPath.ROOT, CanonicalForm.canonicalize(provider, remote), CanonicalForm.canonicalize(provider, local));
        return new DiffResult(List.copyOf(diff.changes), diff.patch);
    }

    /** Equal as configuration values: numbers by value, everything else exactly. */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals(SAME_VALUE, b);
    }

    private void node(DiffPath path, JsonNode remote, JsonNode local) {
        if (SecretFields.isSecretValue(provider, path, remote) || SecretFields.isSecretValue(provider, path, local)
                || (!remote.isContainerNode() && secrets.remoteHoldsSecret(path.pointer()))) {
            secret(path, remote, local);
        } else if (remote.isObject() && local.isObject()) {
            object(path, (ObjectNode) remote, (ObjectNode) local);
        } else if (remote.isArray() && local.isArray()) {
            array(path, (ArrayNode) remote, (ArrayNode) local);
        } else if (!same(remote, local)) {
            changes.add(new Change.Modified(path, hide(path, remote), hide(path, local)));
            op("test", path.pointer(), hide(path, remote));
            op("replace", path.pointer(), hide(path, local));
        }
    }

    private void object(DiffPath path, ObjectNode remote, ObjectNode local) {
        local.properties().forEach(e -> {
            String key = e.getKey();
            if (ServerManaged.readOnly(provider, path, key)) {
                return;
            }
            JsonNode r = remote.get(key);
            if (r == null) {
                added(path.field(key), e.getValue(), path.field(key).pointer());
            } else {
                node(path.field(key), r, e.getValue());
            }
        });
        remote.properties().forEach(e -> {
            String key = e.getKey();
            if (!local.has(key) && !ServerManaged.readOnly(provider, path, key) && !ServerManaged.assigned(key)) {
                changes.add(new Change.Removed(path.field(key), hide(path.field(key), e.getValue())));
                op("test", path.field(key).pointer(), hide(path.field(key), e.getValue()));
                op("remove", path.field(key).pointer(), null);
            }
        });
    }

    private void array(DiffPath path, ArrayNode remote, ArrayNode local) {
        int changesBefore = changes.size();
        int patchBefore = patch.size();
        if (allScalars(remote) && allScalars(local)) {
            scalars(path, remote, local);
        } else {
            items(path, remote, local);
        }
        if (changes.size() == changesBefore && patch.size() == patchBefore && !same(remote, local)
                && CanonicalForm.underUnknownKey(provider, canonicalSteps(path))) {
            // a list under a key handoff does not know is pushed as written, so its order may mean something (a priority
            // list): the same items in another order were "no changes", and push said there was nothing to push
            changes.add(new Change.Modified(path, hide(path, remote), hide(path, local)));
            op("test", path.pointer(), hide(path, remote));
            op("replace", path.pointer(), hide(path, local));
        }
    }

    /** The path's steps as {@link CanonicalForm} names places: field names, any list item "[]". */
    private static List<String> canonicalSteps(DiffPath path) {
        return path.segments().stream().map(s -> s instanceof DiffPath.Field f ? f.name() : "[]").toList();
    }

    private void items(DiffPath path, ArrayNode remote, ArrayNode local) {
        ListMatcher.Result m = ListMatcher.match(remote, local);
        ListMatcher.Pair[] pairOf = new ListMatcher.Pair[local.size()];
        m.pairs().forEach(p -> pairOf[p.local()] = p);
        String[][] localLabels = new String[local.size()][];
        ListMatcher.Labeler localLabeler = ListMatcher.labeler(local);
        for (int l = 0; l < local.size(); l++) {
            localLabels[l] = localLabeler.label(local.get(l), pairOf[l], l);
        }
        List<Integer> gone = m.onlyRemote();
        String[][] goneLabels = new String[gone.size()][];
        ListMatcher.Labeler remoteLabeler = ListMatcher.labeler(remote);
        for (int g = 0; g < gone.size(); g++) {
            goneLabels[g] = remoteLabeler.label(remote.get(gone.get(g)), null, gone.get(g));
        }
        byIdWhereAmbiguous(remote, local, pairOf, localLabels, gone, goneLabels);
        List<ObjectNode> deferredAdds = new ArrayList<>();
        for (int l = 0; l < local.size(); l++) {
            JsonNode element = local.get(l);
            ListMatcher.Pair pair = pairOf[l];
            String[] label = localLabels[l];
            if (pair != null) {
                DiffPath at = path.item(label[0], label[1], pair.remote());
                int before = patch.size();
                node(at, remote.get(pair.remote()), element);
                if (patch.size() > before) {
                    // the operations address the item by position: first make sure it is still the item they mean
                    patch.insert(before, identityTest(at, remote.get(pair.remote()), pair.key()));
                }
            } else {
                DiffPath at = path.item(label[0], label[1], -1);
                changes.add(new Change.Added(at, hide(at, element)));
                deferredAdds.add(opNode("add", path.pointer() + "/-", hide(at, element)));
            }
        }
        for (int g = 0; g < gone.size(); g++) {
            int r = gone.get(g);
            DiffPath at = path.item(goneLabels[g][0], goneLabels[g][1], r);
            changes.add(new Change.Removed(at, hide(at, remote.get(r))));
        }
        // removals from the end first, so every index still points at the element it names
        for (int g = gone.size() - 1; g >= 0; g--) {
            int r = gone.get(g);
            op("test", path.pointer() + "/" + r, hide(path.item(goneLabels[g][0], goneLabels[g][1], r), remote.get(r)));
            op("remove", path.pointer() + "/" + r, null);
        }
        deferredAdds.forEach(patch::add);
    }

    /**
     * Two items of one diff must not share a label. An id moved to another item does that: the item
     * that now holds id 31 is renamed to "Billing" while the old "Billing" (id 30) is removed, and
     * both would read {@code routing_profiles[name=Billing]}. Items whose label another item of the
     * list also has are named by their id instead ({@code routing_profiles[id=31]}, the remote's id
     * when the file leaves it out), when each of them has one and the ids differ.
     */
    private static void byIdWhereAmbiguous(ArrayNode remote, ArrayNode local, ListMatcher.Pair[] pairOf, String[][] localLabels,
                                           List<Integer> gone, String[][] goneLabels) {
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        for (String[] label : localLabels) {
            uses.merge(label[0] + "=" + label[1], 1, Integer::sum);
        }
        for (String[] label : goneLabels) {
            uses.merge(label[0] + "=" + label[1], 1, Integer::sum);
        }
        if (uses.size() == localLabels.length + goneLabels.length) {
            return; // every label names one item: the usual case
        }
        java.util.Map<String, List<String[]>> ambiguous = new java.util.HashMap<>();
        java.util.Map<String[], String> ids = new java.util.IdentityHashMap<>();
        for (int l = 0; l < localLabels.length; l++) {
            String key = localLabels[l][0] + "=" + localLabels[l][1];
            if (uses.get(key) > 1) {
                String id = idOf(local.get(l));
                ids.put(localLabels[l], id != null || pairOf[l] == null ? id : idOf(remote.get(pairOf[l].remote())));
                ambiguous.computeIfAbsent(key, k -> new ArrayList<>()).add(localLabels[l]);
            }
        }
        for (int g = 0; g < goneLabels.length; g++) {
            String key = goneLabels[g][0] + "=" + goneLabels[g][1];
            if (uses.get(key) > 1) {
                ids.put(goneLabels[g], idOf(remote.get(gone.get(g))));
                ambiguous.computeIfAbsent(key, k -> new ArrayList<>()).add(goneLabels[g]);
            }
        }
        for (List<String[]> same : ambiguous.values()) {
            java.util.Set<String> distinct = new java.util.HashSet<>();
            same.forEach(label -> distinct.add(ids.get(label)));
            if (!distinct.contains(null) && distinct.size() == same.size()) {
                same.forEach(label -> {
                    String id = ids.get(label);
                    label[0] = "id";
                    label[1] = id;
                });
            }
        }
    }

    private static String idOf(JsonNode item) {
        JsonNode id = item.get("id");
        return id == null || id.isNull() || id.isContainerNode() ? null : id.asText();
    }

    /** Keywords, e-mails, user ids: a set; a different order is not a change. */
    private void scalars(DiffPath path, ArrayNode remote, ArrayNode local) {
        boolean[] used = new boolean[remote.size()];
        // each local value takes the first unused equal remote one; grouped by value, not compared pairwise
        java.util.Map<Object, java.util.ArrayDeque<Integer>> byValue = new java.util.HashMap<>();
        for (int r = 0; r < remote.size(); r++) {
            byValue.computeIfAbsent(sameValueKey(remote.get(r)), k -> new java.util.ArrayDeque<>()).add(r);
        }
        List<JsonNode> added = new ArrayList<>();
        for (JsonNode l : local) {
            java.util.ArrayDeque<Integer> equal = byValue.get(sameValueKey(l));
            if (equal != null && !equal.isEmpty()) {
                used[equal.poll()] = true;
            } else {
                added.add(l);
            }
        }
        for (int r = 0; r < remote.size(); r++) {
            if (!used[r]) {
                changes.add(new Change.Removed(path, remote.get(r)));
            }
        }
        added.forEach(v -> changes.add(new Change.Added(path, v)));
        for (int r = remote.size() - 1; r >= 0; r--) {
            if (!used[r]) {
                op("test", path.pointer() + "/" + r, remote.get(r));
                op("remove", path.pointer() + "/" + r, null);
            }
        }
        added.forEach(v -> op("add", path.pointer() + "/-", v));
    }

    /** Equal for {@link #same} exactly when equal here: a number by its value (2 and 2.0 alike), anything else as it is. */
    private static Object sameValueKey(JsonNode value) {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros() : value;
    }

    private void secret(DiffPath path, JsonNode remote, JsonNode local) {
        if (remote.isMissingNode() || remote.isNull()) {
            added(path, local, path.pointer());
        } else if (local.isMissingNode() || local.isNull()) {
            changes.add(new Change.Removed(path, hide(path, remote)));
            op("test", path.pointer(), hide(path, remote));
            op("remove", path.pointer(), null);
        } else if (SecretFields.variable(remote) != null && SecretFields.variable(local) != null
                && !SecretFields.variable(remote).equals(SecretFields.variable(local))) {
            // two files naming two variables (diff OLD NEW): the file now sends another secret, whatever the values are;
            // it said "no changes". Against a remote this never happens: its placeholders take the local file's names
            changes.add(new Change.Modified(path, remote, local));
            op("test", path.pointer(), remote);
            op("replace", path.pointer(), local);
        } else {
            Change.SecretState state = secrets.compare(path.pointer(), local);
            changes.add(new Change.SecretCompared(path, state, SecretFields.variable(local), secrets.changedOnRemote(path.pointer())));
            if (state == Change.SecretState.CHANGED) {
                op("test", path.pointer(), hide(path, remote));
                op("replace", path.pointer(), hide(path, local));
            }
        }
    }

    private void added(DiffPath path, JsonNode value, String pointer) {
        changes.add(new Change.Added(path, hide(path, value)));
        op("add", pointer, hide(path, value));
    }

    /** A copy with every secret that is not a placeholder replaced by {@link #HIDDEN}. */
    private JsonNode hide(DiffPath path, JsonNode value) {
        if (SecretFields.isSecretValue(provider, path, value)) {
            return SecretFields.variable(value) != null ? value : TextNode.valueOf(HIDDEN);
        }
        if (value.isObject()) {
            ObjectNode copy = NODES.objectNode();
            value.properties().forEach(e -> copy.set(e.getKey(), hide(path.field(e.getKey()), e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                copy.add(hide(path.item("#", Integer.toString(i), i), value.get(i)));
            }
            return copy;
        }
        return value;
    }

    /**
     * A {@code test} that the item at the pair's remote position is still the one paired: its
     * identity field ({@code id}, {@code name} ...), else the whole item.
     */
    private ObjectNode identityTest(DiffPath at, JsonNode item, String key) {
        String pointer = at.pointer();
        if (key != null && item.has(key)) {
            return opNode("test", pointer + "/" + key.replace("~", "~0").replace("/", "~1"), item.get(key));
        }
        return opNode("test", pointer, hide(at, item));
    }

    private void op(String op, String pointer, JsonNode value) {
        patch.add(opNode(op, pointer, value));
    }

    private static ObjectNode opNode(String op, String pointer, JsonNode value) {
        ObjectNode o = NODES.objectNode();
        o.put("op", op);
        o.put("path", pointer);
        if (value != null) {
            o.set("value", value);
        }
        return o;
    }

    private static boolean allScalars(ArrayNode array) {
        for (JsonNode n : array) {
            if (n.isContainerNode()) {
                return false;
            }
        }
        return true;
    }
}
