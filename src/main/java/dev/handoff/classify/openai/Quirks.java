package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;
import java.util.Locale;

/**
 * What this server accepts, learnt from its 400s during the run: each refusal is detected once
 * and the request sent again without what was refused. Immutable; the classifier swaps it.
 *
 * @param mode           json_schema until the server refuses {@code response_format}
 * @param seed           false once the server refuses {@code seed}
 * @param maxTokensField {@code max_tokens}, or {@code max_completion_tokens} for models that refuse the former
 */
record Quirks(OutputMode mode, boolean seed, String maxTokensField) {

    static final Quirks FIRST = new Quirks(OutputMode.JSON_SCHEMA, true, "max_tokens");

    /** What to send instead after this 400, or null when it names nothing we can leave out. */
    Quirks after400(String body) {
        String about = about(body);
        if (mode == OutputMode.JSON_SCHEMA && (about.contains("response_format") || about.contains("json_schema"))) {
            return new Quirks(OutputMode.JSON_OBJECT, seed, maxTokensField);
        }
        if (maxTokensField.equals("max_tokens") && about.contains("max_tokens") && about.contains("max_completion_tokens")) {
            return new Quirks(mode, seed, "max_completion_tokens");
        }
        if (seed && about.contains("seed")) {
            return new Quirks(mode, false, maxTokensField);
        }
        return null;
    }

    /** The error's parameter and message ({@code {"error":{"param":..,"message":..}}}), or the body, lower case. */
    private static String about(String body) {
        if (body == null) {
            return "";
        }
        try {
            JsonNode error = Yaml.json().readTree(body).path("error");
            if (error.isObject()) {
                return (error.path("param").asText("") + " " + error.path("message").asText("") + " "
                        + error.path("code").asText("")).toLowerCase(Locale.ROOT);
            }
            if (error.isTextual()) {
                return error.asText().toLowerCase(Locale.ROOT);
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw body
        }
        return body.toLowerCase(Locale.ROOT);
    }
}
