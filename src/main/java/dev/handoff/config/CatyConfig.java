package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Caty handoff settings document (Settings -> Human Handoff) into what replay needs.
 * Lenient like the other readers: {@code handoff validate} reports what is wrong, replay leaves
 * out what it cannot understand.
 *
 * <pre>
 * triggers:
 *   user_request: true                      # or {enabled: true, description: ...}
 *   low_confidence: {enabled: true}
 *   negative_sentiment: {enabled: true, description: The user is upset with us}
 *   keywords: [speak to a human]
 *   failed_attempts: 3                      # or {after: 3, count: [fallback_reply, repeated_request]}
 * availability:
 *   timezone: Europe/Bucharest
 *   hours: {monday: {start: "09:00", end: "18:00"}}
 * offline_message: Our team is currently offline...
 * </pre>
 */
public final class CatyConfig {

    /** The triggers a classifier decides, in the order of Caty's settings page. */
    public static final List<String> CLASSIFIED_TRIGGERS = List.of("user_request", "low_confidence", "negative_sentiment");
    public static final String KEYWORDS = "keywords";
    public static final List<String> COUNTED = List.of("fallback_reply", "repeated_request");

    private CatyConfig() {
    }

    /** What a classifier reads when a trigger has no description of its own (the seed's words, made literal). */
    public static String defaultDescription(String trigger) {
        return switch (trigger) {
            case "user_request" -> "The user explicitly asks to talk to a human instead of the AI (a person, an agent, "
                    + "someone from the team), for example \"I want to talk to a human\".";
            case "low_confidence" -> "The AI is unsure how to respond: the user asks something it cannot answer "
                    + "reliably from what it knows.";
            case "negative_sentiment" -> "The user is frustrated, upset or complaining about us, our product or the AI.";
            default -> "";
        };
    }

    static HandoffConfig read(JsonNode doc) {
        JsonNode triggers = doc.path("triggers");
        List<Criterion> criteria = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        triggers.path(KEYWORDS).forEach(k -> {
            if (k.isTextual() && !k.asText().isBlank()) {
                keywords.add(k.asText());
            }
        });
        if (!keywords.isEmpty()) {
            criteria.add(new Criterion(Criterion.KEYWORDS, "keyword triggers: " + String.join(", ", keywords),
                    Criterion.Kind.KEYWORDS, true));
        }
        for (String name : CLASSIFIED_TRIGGERS) {
            JsonNode t = triggers.path(name);
            if (t.isMissingNode() || t.isNull()) {
                continue;
            }
            boolean enabled = t.isBoolean() ? t.asBoolean() : t.path("enabled").asBoolean(true);
            String description = t.path("description").isTextual() && !t.path("description").asText().isBlank()
                    ? t.path("description").asText() : defaultDescription(name);
            criteria.add(new Criterion(name, description, Criterion.Kind.TRIGGER, enabled));
        }
        FailedAttempts failedAttempts = failedAttempts(triggers.path(FailedAttempts.NAME));
        if (failedAttempts != null) {
            criteria.add(new Criterion(FailedAttempts.NAME, failedAttempts.describe(), Criterion.Kind.FAILED_ATTEMPTS, true));
        }
        return new HandoffConfig(Provider.CATY, true, List.copyOf(criteria), List.copyOf(keywords),
                workingHours(doc.path("availability")), List.of(), failedAttempts);
    }

    /** Null when absent, switched off, or not a count of at least 1 (a larger count than an int holds is not one). */
    private static FailedAttempts failedAttempts(JsonNode node) {
        JsonNode after = node.isObject() ? node.path("after") : node;
        if (!usableCount(after) || (node.isObject() && !node.path("enabled").asBoolean(true))) {
            return null;
        }
        boolean fallbacks = true;
        boolean repeats = true;
        if (node.path("count").isArray()) {
            List<String> counted = new ArrayList<>();
            node.path("count").forEach(c -> counted.add(c.asText()));
            fallbacks = counted.contains("fallback_reply");
            repeats = counted.contains("repeated_request");
        }
        if (!fallbacks && !repeats) {
            return null;
        }
        return new FailedAttempts(after.asInt(), fallbacks, repeats, FailedAttempts.DEFAULT_FALLBACK_PHRASES);
    }

    /**
     * A copy of the document with each trigger's short form written out in full, so that two
     * ways of writing one setting compare equal: {@code user_request: true} is
     * {@code {enabled: true}}, and {@code failed_attempts: 2} is {@code {enabled: true, after: 2,
     * count: [fallback_reply, repeated_request]}}, which is how replay reads them. Values of the
     * wrong type are left as written (they differ, and validate reports them).
     */
    public static JsonNode longForm(JsonNode doc) {
        JsonNode copy = doc.deepCopy();
        if (!(copy.path("triggers") instanceof ObjectNode triggers)) {
            return copy;
        }
        for (String name : CLASSIFIED_TRIGGERS) {
            JsonNode t = triggers.get(name);
            if (t != null && t.isBoolean()) {
                triggers.set(name, JsonNodeFactory.instance.objectNode().put("enabled", t.asBoolean()));
            } else if (t instanceof ObjectNode mapping && !mapping.has("enabled")) {
                mapping.put("enabled", true);
            }
        }
        JsonNode failed = triggers.get(FailedAttempts.NAME);
        if (failed != null && failed.isIntegralNumber()) {
            ObjectNode mapping = JsonNodeFactory.instance.objectNode();
            mapping.set("after", failed);
            triggers.set(FailedAttempts.NAME, mapping);
            failed = mapping;
        }
        if (failed instanceof ObjectNode mapping) {
            if (!mapping.has("enabled")) {
                mapping.put("enabled", true);
            }
            if (!mapping.has("count")) {
                ArrayNode both = mapping.putArray("count");
                COUNTED.forEach(both::add);
            }
        }
        return copy;
    }

    /** A whole number from 1 to the largest int: asInt() would wrap a larger one into another count. */
    private static boolean usableCount(JsonNode after) {
        return after.isNumber() && after.canConvertToExactIntegral() && after.canConvertToInt() && after.asInt() >= 1;
    }

    /**
     * The triggers this reader leaves out although the file writes them (a value of the wrong
     * type, a count out of range), one line each, for replay to say so: it would otherwise measure
     * a configuration other than the file's without a word. {@code handoff validate} reports each
     * as an error, with where and what to write.
     */
    public static List<String> unread(JsonNode doc) {
        JsonNode triggers = doc.path("triggers");
        List<String> out = new ArrayList<>();
        if (!triggers.isObject()) {
            if (!triggers.isMissingNode()) {
                out.add("triggers is not a mapping: no trigger was read");
            }
            return out;
        }
        for (String name : CLASSIFIED_TRIGGERS) {
            JsonNode t = triggers.path(name);
            if (t.isNull()) {
                out.add("triggers." + name + " has no value: it was left out");
            }
        }
        JsonNode keywords = triggers.path(KEYWORDS);
        if (!keywords.isMissingNode() && !keywords.isArray()) {
            out.add("triggers.keywords is not a list of phrases: no keyword was read");
        } else {
            int notPhrases = 0;
            for (JsonNode k : keywords) {
                notPhrases += k.isTextual() ? 0 : 1;
            }
            if (notPhrases > 0) {
                out.add("triggers.keywords: " + notPhrases + (notPhrases == 1 ? " item is" : " items are") + " not a phrase and "
                        + (notPhrases == 1 ? "was" : "were") + " left out");
            }
        }
        JsonNode failed = triggers.path(FailedAttempts.NAME);
        JsonNode after = failed.isObject() ? failed.path("after") : failed;
        boolean switchedOff = failed.isObject() && !failed.path("enabled").asBoolean(true);
        if (!failed.isMissingNode() && !switchedOff && !usableCount(after)) {
            out.add("triggers.failed_attempts" + (failed.isObject() ? ".after" : "") + " is not a count from 1 to "
                    + Integer.MAX_VALUE + ": the rule was left out");
        }
        return out;
    }

    private static WorkingHours workingHours(JsonNode availability) {
        JsonNode hours = availability.path("hours");
        if (!hours.isObject()) {
            return WorkingHours.ALWAYS;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(availability.path("timezone").asText("UTC"));
        } catch (RuntimeException e) {
            zone = ZoneId.of("UTC");
        }
        List<WorkingHours.Slot> slots = new ArrayList<>();
        for (var e : hours.properties()) {
            try {
                DayOfWeek day = DayOfWeek.valueOf(e.getKey().trim().toUpperCase(Locale.ROOT));
                WorkingHours.Slot s = WorkingHours.Slot.parse(day.name(), e.getValue().path("start").asText(null),
                        e.getValue().path("end").asText(null));
                slots.add(s);
            } catch (IllegalArgumentException ignored) {
                // reported by validate; replay treats the day as closed
            }
        }
        return new WorkingHours(true, zone, List.copyOf(slots));
    }
}
