package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffPath;
import dev.handoff.diff.ListMatcher;
import dev.handoff.diff.SecretComparator;
import dev.handoff.diff.SecretFields;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps secrets out of files: a fetched document's secrets become {@code ${env:NAME}} placeholders
 * (the name the local file already uses for that place, else one derived from target and path),
 * and a file's placeholders are resolved from the environment only for the request that sends them.
 * The clear values live in memory only, keyed by their JSON pointer, for comparisons.
 */
public final class Secrets {

    /** What the remote version hash sees in place of every secret, so the hash never depends on one. */
    static final String HASH_MASK = "${secret}";

    private Secrets() {
    }

    /**
     * @param document  the canonical remote document with placeholders
     * @param clear     pointer -> clear value, in memory only
     * @param variables the placeholder variables used, in document order
     */
    public record Masked(ObjectNode document, Map<String, String> clear, List<String> variables) {

        /** Compares the local value of a secret with the remote's clear value, resolving placeholders from {@code env}. */
        public SecretComparator comparator(Map<String, String> env) {
            return (pointer, local) -> {
                String remoteValue = clear.getOrDefault(pointer, "");
                String variable = SecretFields.variable(local);
                String localValue;
                if (variable != null) {
                    localValue = env.get(variable);
                    if (localValue == null) {
                        return Change.SecretState.NOT_COMPARED;
                    }
                } else {
                    localValue = local.asText();
                }
                return Objects.equals(localValue, remoteValue) ? Change.SecretState.UNCHANGED : Change.SecretState.CHANGED;
            };
        }
    }

    /**
     * Masks a remote document.
     *
     * @param local the local document whose placeholder names are reused, or null
     */
    public static Masked mask(Provider provider, String targetName, ObjectNode remote, JsonNode local) {
        ObjectNode canonical = CanonicalForm.canonicalize(provider, remote);
        JsonNode canonicalLocal = local == null ? null : CanonicalForm.canonicalize(provider, local);
        Walker w = new Walker(provider, targetName);
        w.collectLocalNames(canonicalLocal);
        w.walk(DiffPath.ROOT, canonical, canonicalLocal);
        return new Masked(canonical, Map.copyOf(w.clear), List.copyOf(new LinkedHashSet<>(w.variables)));
    }

    /** The remote version recorded in files: the canonical hash with every secret replaced by one constant. */
    public static String remoteVersion(Provider provider, ObjectNode remote) {
        ObjectNode canonical = CanonicalForm.canonicalize(provider, remote);
        replaceSecrets(provider, DiffPath.ROOT, canonical);
        return CanonicalForm.hash(provider, canonical);
    }

    /**
     * A copy of a local document with every {@code ${env:NAME}} placeholder replaced by the variable's
     * value; every missing variable is named in one error.
     */
    public static ObjectNode resolve(ObjectNode local, Map<String, String> env, String fileShown) {
        ObjectNode copy = local.deepCopy();
        Map<String, String> missing = new LinkedHashMap<>();
        resolveInto(DiffPath.ROOT, copy, env, missing);
        if (!missing.isEmpty()) {
            var first = missing.entrySet().iterator().next();
            String more = missing.size() > 1 ? " (and " + (missing.size() - 1) + " more: "
                    + String.join(", ", new LinkedHashSet<>(missing.values())) + ")" : "";
            throw HandoffException.usage(fileShown + ": " + first.getKey() + " is " + SecretFields.placeholder(first.getValue())
                            + ", but " + first.getValue() + " is not set" + more,
                    "export the variable(s) with the secret value before pushing; handoff never writes the value to a file");
        }
        return copy;
    }

    /** The values the environment gives the document's placeholders (for the redactor). */
    public static List<String> placeholderValues(JsonNode document, Map<String, String> env) {
        List<String> values = new ArrayList<>();
        collectPlaceholderValues(document, env, values);
        return values;
    }

    private static void collectPlaceholderValues(JsonNode node, Map<String, String> env, List<String> values) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectPlaceholderValues(child, env, values));
            return;
        }
        String variable = SecretFields.variable(node);
        if (variable != null && env.get(variable) != null) {
            values.add(env.get(variable));
        }
    }

    private static void resolveInto(DiffPath path, JsonNode node, Map<String, String> env, Map<String, String> missing) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode v = o.get(key);
                String variable = SecretFields.variable(v);
                if (variable != null) {
                    String value = env.get(variable);
                    if (value == null) {
                        missing.put(path.field(key).display(), variable);
                    } else {
                        o.set(key, TextNode.valueOf(value));
                    }
                } else {
                    resolveInto(path.field(key), v, env, missing);
                }
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                String[] label = ListMatcher.label(v, null, a, i);
                String variable = SecretFields.variable(v);
                if (variable != null) {
                    String value = env.get(variable);
                    if (value == null) {
                        missing.put(path.display() + "[" + i + "]", variable);
                    } else {
                        a.set(i, TextNode.valueOf(value));
                    }
                } else {
                    resolveInto(path.item(label[0], label[1], i), v, env, missing);
                }
            }
        }
    }

    private static void replaceSecrets(Provider provider, DiffPath path, JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                DiffPath p = path.field(key);
                if (SecretFields.isSecret(provider, p) && SecretFields.hideable(o.get(key))) {
                    o.set(key, TextNode.valueOf(HASH_MASK));
                } else {
                    replaceSecrets(provider, p, o.get(key));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String[] label = ListMatcher.label(node.get(i), null, node, i);
                replaceSecrets(provider, path.item(label[0], label[1], i), node.get(i));
            }
        }
    }

    /** Walks the remote and, in step, the local document, replacing secrets with placeholders. */
    private static final class Walker {
        private final Provider provider;
        private final String targetName;
        private final Map<String, String> clear = new LinkedHashMap<>();
        private final List<String> variables = new ArrayList<>();
        private final Set<String> taken = new HashSet<>();

        Walker(Provider provider, String targetName) {
            this.provider = provider;
            this.targetName = targetName;
        }

        /** Names the local file uses anywhere are not handed out again for another place. */
        void collectLocalNames(JsonNode local) {
            if (local == null) {
                return;
            }
            if (local.isContainerNode()) {
                local.forEach(this::collectLocalNames);
            } else {
                String v = SecretFields.variable(local);
                if (v != null) {
                    taken.add(v);
                }
            }
        }

        void walk(DiffPath path, JsonNode remote, JsonNode local) {
            if (remote.isObject()) {
                ObjectNode o = (ObjectNode) remote;
                List<String> keys = new ArrayList<>();
                o.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    DiffPath p = path.field(key);
                    JsonNode value = o.get(key);
                    JsonNode localValue = local != null && local.isObject() ? local.get(key) : null;
                    if (SecretFields.isSecret(provider, p) && SecretFields.hideable(value)) {
                        String variable = SecretFields.variable(localValue);
                        if (variable == null) {
                            variable = fresh(p);
                        }
                        clear.put(p.pointer(), value.asText());
                        variables.add(variable);
                        o.set(key, TextNode.valueOf(SecretFields.placeholder(variable)));
                    } else {
                        walk(p, value, localValue);
                    }
                }
            } else if (remote.isArray()) {
                ListMatcher.Result m = local != null && local.isArray() ? ListMatcher.match(remote, local) : null;
                for (int i = 0; i < remote.size(); i++) {
                    JsonNode counterpart = null;
                    if (m != null) {
                        for (ListMatcher.Pair pair : m.pairs()) {
                            if (pair.remote() == i) {
                                counterpart = local.get(pair.local());
                            }
                        }
                    }
                    String[] label = ListMatcher.label(remote.get(i), null, remote, i);
                    walk(path.item(label[0], label[1], i), remote.get(i), counterpart);
                }
            }
        }

        /** PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY: provider, target, then the names along the path. */
        private String fresh(DiffPath path) {
            List<String> parts = new ArrayList<>();
            parts.add(provider.id());
            parts.add(targetName);
            boolean webhookHeader = provider == Provider.PLUGIT && SecretFields.isSecret(provider, path)
                    && path.segments().size() == 5 && path.segments().get(1) instanceof DiffPath.Item;
            for (int i = 0; i < path.segments().size(); i++) {
                DiffPath.Segment s = path.segments().get(i);
                if (webhookHeader && (i == 0 || i == 2 || i == 3)) {
                    continue; // categories / webhook / headers say nothing the name needs
                }
                if (s instanceof DiffPath.Field f) {
                    parts.add(f.name());
                } else if (s instanceof DiffPath.Item item) {
                    parts.add(item.value());
                }
            }
            String base = String.join("_", parts).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
            String name = base;
            for (int n = 2; taken.contains(name); n++) {
                name = base + "_" + n;
            }
            taken.add(name);
            return name;
        }
    }
}
