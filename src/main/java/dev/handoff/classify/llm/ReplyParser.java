package dev.handoff.classify.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.Verdict;
import dev.handoff.config.yaml.Yaml;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks a reply against the schema the request asked for. Servers constrain generation to the
 * schema, but not every model or server version honours it; whatever does not fit is
 * {@link Verdict.Invalid}, never read as "nothing fired".
 */
public final class ReplyParser {

    private ReplyParser() {
    }

    public static Verdict parse(String content, ConversationPrompt prompt) {
        if (content == null || content.isBlank()) {
            return new Verdict.Invalid("empty reply", content == null ? "" : content);
        }
        JsonNode root;
        try (JsonParser p = Yaml.json().createParser(content)) {
            root = Yaml.json().readTree(p);
            // one JSON value and nothing else: "{...} Hope this helps! {...}" is not an answer to score
            int end = (int) Math.min(content.length(), Math.max(0, p.currentLocation().getCharOffset()));
            String rest = content.substring(end).strip();
            if (!rest.isEmpty()) {
                return new Verdict.Invalid("reply has more after its JSON value: \"" + start(rest) + "\"", content);
            }
        } catch (JsonProcessingException e) {
            return new Verdict.Invalid("reply is not JSON: " + dev.handoff.files.ParseErrors.describe(e), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a String has no I/O
        }
        if (root == null || !root.isObject()) {
            return new Verdict.Invalid("reply is not a JSON object", content);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            boolean known = field.equals(ConversationPrompt.CRITERIA) || field.equals(ConversationPrompt.RATIONALE)
                    || (field.equals(ConversationPrompt.ROUTE) && !prompt.profileNames().isEmpty());
            if (!known) {
                return new Verdict.Invalid("unexpected field '" + field + "'", content);
            }
        }
        JsonNode criteria = root.get(ConversationPrompt.CRITERIA);
        if (criteria == null || !criteria.isArray()) {
            return new Verdict.Invalid("'" + ConversationPrompt.CRITERIA + "' must be a list of criterion names", content);
        }
        Set<String> fired = new LinkedHashSet<>();
        for (JsonNode c : criteria) {
            if (!c.isTextual()) {
                return new Verdict.Invalid("'" + ConversationPrompt.CRITERIA + "' holds " + c.getNodeType().name().toLowerCase()
                        + " " + c + ", not a criterion name", content);
            }
            if (!prompt.criterionNames().contains(c.asText())) {
                return new Verdict.Invalid("unknown criterion '" + c.asText() + "'", content);
            }
            fired.add(c.asText());
        }
        String route = null;
        if (!prompt.profileNames().isEmpty()) {
            JsonNode r = root.get(ConversationPrompt.ROUTE);
            if (r == null) {
                return new Verdict.Invalid("'" + ConversationPrompt.ROUTE + "' is missing", content);
            }
            if (!r.isNull()) {
                if (!r.isTextual() || !prompt.profileNames().contains(r.asText())) {
                    return new Verdict.Invalid("unknown routing profile " + r, content);
                }
                route = r.asText();
            }
        }
        JsonNode rationale = root.get(ConversationPrompt.RATIONALE);
        if (rationale == null || !rationale.isTextual()) {
            return new Verdict.Invalid("'" + ConversationPrompt.RATIONALE + "' must be a string", content);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String name : prompt.criterionNames()) {
            scores.put(name, fired.contains(name) ? 1.0 : 0.0);
        }
        return new Verdict.Decision(Set.copyOf(fired), route, rationale.asText().strip().replaceAll("\\s*\\R\\s*", " "),
                java.util.Collections.unmodifiableMap(scores));
    }

    /** The start of what follows the value, on one line, for the reason. */
    private static String start(String rest) {
        String line = rest.replaceAll("\\s+", " ");
        return line.length() > 40 ? line.substring(0, 40) + "..." : line;
    }
}
