package dev.handoff.config.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The canonical form of a configuration document: documented keys in the vendor's order,
 * unknown keys after them alphabetically, keyed lists sorted by a stable key with a total
 * tie-break (so equal keys never fall back to the server's order), lists of plain values as
 * they are (their order may mean something). Two fetches of the same remote therefore give
 * identical bytes, and a reordered server answer is not a change. Strings that any YAML reader
 * could take for a number, time, date or boolean are quoted (see {@code YamlQuoting}).
 */
public final class CanonicalForm {

    /** Key order per object path ("" is the root; "[]" stands for any list element). */
    private static final Map<Provider, Map<String, List<String>>> KEY_ORDER = Map.of(
            Provider.QUICKCHAT, Map.of(
                    "", List.of("x-handoff", "settings", "availability", "generic_guidelines", "custom_guidelines", "routing_profiles"),
                    "settings", List.of("is_active", "keywords", "ai_summary_active", "topic_based_routing_active",
                            "question_message", "confirmation_message", "confirmation_outside_working_hours_message",
                            "working_hours_active", "timezone", "send_email_notification", "emails"),
                    "availability[]", List.of("id", "day_span", "start_time", "end_time"),
                    "generic_guidelines[]", List.of("name", "description", "is_active"),
                    "custom_guidelines[]", List.of("id", "name", "description", "is_active"),
                    "routing_profiles[]", List.of("id", "name", "description", "is_active", "user_ids"),
                    "x-handoff", List.of("provider", "remote_version", "backup_of"),
                    "x-handoff.backup_of", List.of("target", "url", "agent_id")),
            Provider.PLUGIT, Map.of(
                    "", List.of("x-handoff", "id", "title", "prompt", "version", "default_language", "categories"),
                    "categories[]", List.of("title", "criteria", "webhook", "disableAI"),
                    "categories[].webhook", List.of("url", "headers"),
                    "x-handoff", List.of("provider", "remote_version", "backup_of"),
                    "x-handoff.backup_of", List.of("target", "url", "agent_id")),
            Provider.CATY, Map.of(
                    "", List.of("x-handoff", "triggers", "availability", "offline_message", "notifications"),
                    "triggers", List.of("user_request", "low_confidence", "negative_sentiment", "keywords", "failed_attempts"),
                    "availability", List.of("timezone", "hours"),
                    "availability.hours", List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                    "x-handoff", List.of("provider", "remote_version", "backup_of"),
                    "x-handoff.backup_of", List.of("target", "url", "agent_id")));

    /**
     * Whether a place lies under a key the provider does not document (a key missing from the documented keys of its
     * parent): such a value is kept and pushed as written, list order included.
     *
     * @param steps the place's field names from the root, a list item written "[]" ({@code settings, zz_priorities})
     */
    public static boolean underUnknownKey(Provider provider, List<String> steps) {
        Map<String, List<String>> documented = KEY_ORDER.get(provider);
        String parent = "";
        for (String step : steps) {
            if (step.equals("[]")) {
                parent += "[]";
                continue;
            }
            List<String> keys = documented.get(parent);
            if (keys != null && !keys.contains(step)) {
                return true;
            }
            parent = parent.isEmpty() ? step : parent + "." + step;
        }
        return false;
    }

    /** The five documented generic guidelines, in the vendor's order. */
    public static final List<String> GENERIC_GUIDELINES = List.of(
            "user_frustration", "customer_support_suggestion", "lack_of_knowledge", "irrelevant_advice", "media_message");

    private static final String HEADER = "x-handoff";

    private static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private CanonicalForm() {
    }

    /** A canonical copy; the argument is not modified. */
    public static ObjectNode canonicalize(Provider provider, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("a configuration document is a JSON object, not "
                    + (document == null ? "null" : document.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return (ObjectNode) canonical(provider, "", document);
    }

    /** Canonical YAML text, ending with a newline. */
    public static String toYaml(Provider provider, JsonNode document) {
        try {
            return Yaml.yaml().writeValueAsString(canonicalize(provider, document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact canonical JSON, the input of {@link #hash}. */
    public static String toJson(Provider provider, JsonNode document) {
        try {
            return Yaml.json().writeValueAsString(canonicalize(provider, document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * "sha256:" + hex digest of the canonical JSON of the vendor document. The local
     * {@code x-handoff} header is left out: it holds the hash itself and never reaches the remote,
     * so a local file and the remote document it was fetched from hash the same.
     */
    public static String hash(Provider provider, JsonNode document) {
        ObjectNode vendor = canonicalize(provider, document);
        vendor.remove(HEADER);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Yaml.json().writeValueAsString(vendor).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical form with every documented list of plain values (keywords, e-mails, user ids) sorted: two documents
     * equal here differ at most in the order of values that diff and push compare as sets. A list under an unknown key
     * keeps its order (it is pushed as written).
     */
    public static ObjectNode withSetsSorted(Provider provider, JsonNode document) {
        ObjectNode c = canonicalize(provider, document);
        sortSets(provider, new ArrayList<>(), c);
        return c;
    }

    private static void sortSets(Provider provider, List<String> steps, JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                steps.add(e.getKey());
                sortSets(provider, steps, e.getValue());
                steps.remove(steps.size() - 1);
            });
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            boolean plain = true;
            for (JsonNode item : array) {
                plain &= item.isValueNode();
            }
            if (plain && !underUnknownKey(provider, steps)) {
                List<JsonNode> items = new ArrayList<>();
                array.forEach(items::add);
                items.sort(Comparator.comparing(CanonicalForm::compactJson));
                array.removeAll();
                items.forEach(array::add);
            } else {
                steps.add("[]");
                array.forEach(item -> sortSets(provider, steps, item));
                steps.remove(steps.size() - 1);
            }
        }
    }

    private static JsonNode canonical(Provider provider, String path, JsonNode node) {
        if (node.isObject()) {
            List<String> order = KEY_ORDER.get(provider).getOrDefault(path, List.of());
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(Comparator.<String>comparingInt(k -> order.contains(k) ? order.indexOf(k) : order.size())
                    .thenComparing(Comparator.naturalOrder()));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String key : keys) {
                out.set(key, canonical(provider, path.isEmpty() ? key : path + "." + key, node.get(key)));
            }
            return out;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(provider, path + "[]", item)));
            Comparator<JsonNode> order = listOrder(path);
            if (order != null) {
                // the whole item as the last tie-break: equal keys must not keep the server's order
                items.sort(order.thenComparing(CanonicalForm::compactJson));
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node.deepCopy();
    }

    /** How a keyed list is ordered; null keeps the order (lists of strings, unknown lists). */
    private static Comparator<JsonNode> listOrder(String path) {
        return switch (path) {
            case "availability" -> Comparator.<JsonNode>comparingInt(n -> dayIndex(n.path("day_span").asText("")))
                    .thenComparing(n -> n.path("start_time").asText(""))
                    .thenComparing(n -> n.path("end_time").asText(""))
                    .thenComparing(n -> n.path("day_span").asText(""))
                    .thenComparing(CanonicalForm::byId);
            case "generic_guidelines" -> Comparator.<JsonNode>comparingInt(n -> {
                int i = GENERIC_GUIDELINES.indexOf(n.path("name").asText(""));
                return i < 0 ? GENERIC_GUIDELINES.size() : i;
            }).thenComparing(n -> n.path("name").asText(""));
            case "custom_guidelines", "routing_profiles" -> byText("name");
            case "categories" -> byText("title");
            default -> null;
        };
    }

    private static Comparator<JsonNode> byText(String field) {
        return Comparator.<JsonNode, String>comparing(n -> n.path(field).asText("").toLowerCase(Locale.ROOT))
                .thenComparing(n -> n.path(field).asText(""))
                .thenComparing(CanonicalForm::byId);
    }

    /** Ids by number when they are numbers (9 before 10), else by text; items without an id last. */
    private static int byId(JsonNode a, JsonNode b) {
        JsonNode x = a.path("id");
        JsonNode y = b.path("id");
        if (x.isMissingNode() || y.isMissingNode()) {
            return Boolean.compare(x.isMissingNode(), y.isMissingNode());
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        if (x.isNumber() != y.isNumber()) {
            return x.isNumber() ? -1 : 1;
        }
        return x.asText().compareTo(y.asText());
    }

    private static String compactJson(JsonNode node) {
        try {
            return Yaml.json().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int dayIndex(String daySpan) {
        String first = daySpan.split("-", 2)[0].trim().toLowerCase(Locale.ROOT);
        int i = DAYS.indexOf(first);
        return i < 0 ? DAYS.size() : i;
    }
}
