package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.Provider;
import dev.handoff.config.SecretNames;
import dev.handoff.config.yaml.Yaml;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffPath;
import dev.handoff.diff.ListMatcher;
import dev.handoff.diff.SecretComparator;
import dev.handoff.diff.SecretFields;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
     * One secret of a remote document.
     *
     * @param pointer  RFC 6901 pointer into the canonical remote document
     * @param path     where it is, for people ({@code categories[title=human_handoff].webhook.headers.X-Num})
     * @param variable the placeholder's variable in the masked document
     * @param value    the clear value, any JSON type (memory only)
     */
    public record Secret(String pointer, String path, String variable, JsonNode value) {
    }

    /**
     * @param document  the canonical remote document with placeholders
     * @param secrets   the clear values, in memory only, in document order
     * @param variables the placeholder variables used, in document order
     */
    public record Masked(ObjectNode document, List<Secret> secrets, List<String> variables) {

        /** pointer -> clear value */
        public Map<String, JsonNode> clear() {
            Map<String, JsonNode> m = new LinkedHashMap<>();
            secrets.forEach(s -> m.put(s.pointer(), s.value()));
            return m;
        }

        /** The remote value whose place has this variable, or null (for typing what the variable holds). */
        JsonNode valueOf(String variable) {
            return secrets.stream().filter(s -> s.variable().equals(variable)).map(Secret::value).findFirst().orElse(null);
        }

        /** Compares the local value of a secret with the remote's clear value, resolving placeholders from {@code env}. */
        public SecretComparator comparator(Map<String, String> env) {
            return comparator(env, Set.of());
        }

        /** @param changedOnRemote pointers of the secrets the remote changed since the file's version */
        public SecretComparator comparator(Map<String, String> env, Set<String> changedOnRemote) {
            SecretComparator values = values(env);
            return new SecretComparator() {
                @Override
                public Change.SecretState compare(String remotePointer, JsonNode localValue) {
                    return values.compare(remotePointer, localValue);
                }

                @Override
                public boolean changedOnRemote(String remotePointer) {
                    return changedOnRemote.contains(remotePointer);
                }

                @Override
                public boolean remoteHoldsSecret(String remotePointer) {
                    return secrets.stream().anyMatch(s -> s.pointer().equals(remotePointer));
                }
            };
        }

        private SecretComparator values(Map<String, String> env) {
            Map<String, JsonNode> byPointer = clear();
            return (pointer, local) -> {
                JsonNode remoteValue = byPointer.getOrDefault(pointer, TextNode.valueOf(""));
                String variable = SecretFields.variable(local);
                JsonNode localValue;
                if (variable != null) {
                    String text = env.get(variable);
                    if (text == null) {
                        return Change.SecretState.NOT_COMPARED;
                    }
                    localValue = typed(text, remoteValue);
                } else {
                    localValue = local;
                }
                return DocumentDiff.same(localValue, remoteValue) ? Change.SecretState.UNCHANGED : Change.SecretState.CHANGED;
            };
        }
    }

    /**
     * What a variable's text stands for at a place where the remote holds {@code remoteValue}: the
     * text itself, unless the remote holds a number, boolean, list or object there and the text is
     * JSON of that same type (then that JSON), so that a push sends back the type the remote has.
     */
    static JsonNode typed(String text, JsonNode remoteValue) {
        if (remoteValue == null || remoteValue.isTextual() || remoteValue.isNull() || remoteValue.isMissingNode()) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode parsed = Yaml.json().readTree(text);
            if (parsed != null && parsed.getNodeType() == remoteValue.getNodeType()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // not JSON: the text is meant as text (the error would quote it, so it is dropped)
        }
        return TextNode.valueOf(text);
    }

    /** The strings a redactor must mask for a clear value: the text, or for other types each longer leaf and the JSON. */
    static List<String> redactable(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value.isTextual()) {
            out.add(value.asText());
            // a server may echo a URL's password or query token on its own ("login failed for admin:hunter2")
            List<String> parts = new ArrayList<>(SecretNames.credentialParts(value.asText()));
            parts.add(SecretNames.urlPassword(value.asText()));
            for (String part : parts) {
                if (part == null || part.length() < 4) {
                    continue;
                }
                out.add(part);
                try {
                    out.add(java.net.URLDecoder.decode(part.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a stray '%': the part is only known as written
                }
            }
            return out;
        }
        collectLeaves(value, out);
        out.add(value.toString());
        // a short number or word would mask every occurrence of it in the output; four characters is the floor
        out.removeIf(v -> v.length() < 4);
        return out;
    }

    private static void collectLeaves(JsonNode node, List<String> out) {
        if (node.isContainerNode()) {
            node.forEach(child -> collectLeaves(child, out));
        } else if (!node.isNull()) {
            out.add(node.asText());
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
        SecretWalker w = new SecretWalker(provider, targetName);
        w.collectLocalNames(canonicalLocal);
        w.walk(DiffPath.ROOT, canonical, canonicalLocal);
        return new Masked(canonical, List.copyOf(w.secrets), List.copyOf(new LinkedHashSet<>(w.variables)));
    }

    /** The remote version recorded in files: the canonical hash with every secret replaced by one constant. */
    public static String remoteVersion(Provider provider, ObjectNode remote) {
        ObjectNode canonical = CanonicalForm.canonicalize(provider, remote);
        List<Place> places = new ArrayList<>();
        secretPlaces(provider, DiffPath.ROOT, canonical, places);
        places.forEach(place -> place.parent().set(place.key(), TextNode.valueOf(HASH_MASK)));
        return CanonicalForm.hash(provider, canonical);
    }

    /**
     * A copy of a local document with every {@code ${env:NAME}} placeholder replaced by the variable's
     * value; every missing variable is named in one error. A value is text, unless the remote holds a
     * number, boolean, list or object at the placeholder's place and the variable holds JSON of that
     * type ({@link #typed}).
     *
     * @param remote the masked remote the push compares with (its secrets give the types), or null
     */
    public static ObjectNode resolve(ObjectNode local, Map<String, String> env, String fileShown, Masked remote) {
        ObjectNode copy = local.deepCopy();
        Map<String, String> missing = new LinkedHashMap<>();
        Resolver resolver = new Resolver(env, remote, missing);
        resolver.into(DiffPath.ROOT, copy);
        if (!missing.isEmpty()) {
            var first = missing.entrySet().iterator().next();
            // the other variables, each once: one variable may stand in several places
            LinkedHashSet<String> others = new LinkedHashSet<>(missing.values());
            others.remove(first.getValue());
            String more = others.isEmpty() ? "" : " (and " + others.size() + " more: " + String.join(", ", others) + ")";
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
            values.addAll(redactable(TextNode.valueOf(env.get(variable))));
        }
    }

    /** Replaces placeholders in place, collecting the variables that are not set. */
    private record Resolver(Map<String, String> env, Masked remote, Map<String, String> missing) {

        private JsonNode value(String variable) {
            return typed(env.get(variable), remote == null ? null : remote.valueOf(variable));
        }

        private void into(DiffPath path, JsonNode node) {
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
                            o.set(key, value(variable));
                        }
                    } else {
                        into(path.field(key), v);
                    }
                }
            } else if (node.isArray()) {
                ArrayNode a = (ArrayNode) node;
                ListMatcher.Labeler labels = ListMatcher.labeler(a);
                for (int i = 0; i < a.size(); i++) {
                    JsonNode v = a.get(i);
                    String[] label = labels.label(v, null, i);
                    String variable = SecretFields.variable(v);
                    if (variable != null) {
                        String value = env.get(variable);
                        if (value == null) {
                            missing.put(path.display() + "[" + i + "]", variable);
                        } else {
                            a.set(i, value(variable));
                        }
                    } else {
                        into(path.item(label[0], label[1], i), v);
                    }
                }
            }
        }
    }

    /**
     * Whether a local document holds a secret's value in clear where fetch writes a placeholder: fetch never writes one, so
     * such a value is an edit, even though the file's hash, which masks every secret, stays what it was.
     */
    public static boolean holdsClearSecret(Provider provider, JsonNode document) {
        List<Place> places = new ArrayList<>();
        secretPlaces(provider, DiffPath.ROOT, CanonicalForm.canonicalize(provider, document), places);
        return places.stream().anyMatch(place -> SecretFields.variable(place.value()) == null);
    }

    /** A key of a mapping, for the walk that finds the secrets in a document. */
    private record Place(ObjectNode parent, String key) {
        JsonNode value() {
            return parent.get(key);
        }
    }

    /**
     * Every place the version hash masks, and nothing below one: a secret, and a placeholder, which counts as the secret it
     * stands for (a secret known by its value, a Slack webhook URL, is a placeholder in the fetched file but in no
     * secret-named place; without it the file's own hash differed from its remote_version, and fetch took the untouched
     * file for one with edits).
     */
    private static void secretPlaces(Provider provider, DiffPath path, JsonNode node, List<Place> out) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (var e : o.properties()) {
                DiffPath p = path.field(e.getKey());
                if (SecretFields.isSecretValue(provider, p, e.getValue()) || SecretFields.variable(e.getValue()) != null) {
                    out.add(new Place(o, e.getKey()));
                } else {
                    secretPlaces(provider, p, e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            ListMatcher.Labeler labels = ListMatcher.labeler(node);
            for (int i = 0; i < node.size(); i++) {
                String[] label = labels.label(node.get(i), null, i);
                secretPlaces(provider, path.item(label[0], label[1], i), node.get(i), out);
            }
        }
    }
}
