package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.validate.ClassifierSettingsCheck;

import java.nio.file.Path;
import java.util.List;

/** {@code classifier.openai}: {@code model} and {@code base_url}, as {@link OpenAiSettings} reads them. */
public final class OpenAiSettingsCheck implements ClassifierSettingsCheck {

    private static final List<String> KEYS = List.of("model", "base_url");
    private static final String HINT = "see docs/classifier-openai.md: classifier.openai takes model and base_url";

    @Override
    public String classifier() {
        return "openai";
    }

    @Override
    public java.util.Map<String, List<String>> keys() {
        return java.util.Map.of("", KEYS);
    }

    @Override
    public Problem check(JsonNode block, Path file) {
        if (block == null || block.isNull()) {
            return null;
        }
        if (!block.isObject()) {
            return new Problem("", "must be a mapping with model and base_url", HINT);
        }
        for (String key : KEYS) {
            JsonNode v = block.get(key);
            if (v != null && !v.isNull() && (!v.isTextual() || v.asText().isBlank())) {
                return new Problem(key, "must be a non-empty text, found '" + v.asText() + "'", HINT);
            }
        }
        JsonNode url = block.path("base_url");
        if (url.isTextual() && !OpenAiSettings.isHttpUrl(url.asText().strip())) {
            return new Problem("base_url", "is not an http(s) URL", "e.g. base_url: http://localhost:8000/v1");
        }
        if (url.isTextual()) {
            String u = url.asText().strip();
            String secretPart = dev.handoff.text.UrlSecrets.partIn(u);
            if (secretPart != null) {
                return new Problem("base_url", "carries " + secretPart
                                + ": this file is committed, and a key there would be too",
                        "write the server's address alone; the key goes in $OPENAI_API_KEY when replay runs");
            }
        }
        return null;
    }
}
