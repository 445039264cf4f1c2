package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.ApiKey;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.secret.Redactor;

/**
 * A reply goes to the cache and, recorded, to a verdict file in git: the key in none of the forms a
 * server or a model may echo it. A model's JSON may spell the key's letters as escapes
 * ("\u0073\u006b-..."), which no mask of the raw text sees and the parsed rationale shows in clear,
 * so a reply that is one JSON value is written out again (escapes decoded) before it is masked.
 */
final class KeyMask {

    private final Redactor redactor;

    private KeyMask(Redactor redactor) {
        this.redactor = redactor;
    }

    static KeyMask of(ApiKey key) {
        return new KeyMask(key == null ? null : Redactor.of(key.reveal()));
    }

    String apply(String text) {
        if (redactor == null || text == null) {
            return text;
        }
        String plain = text;
        try {
            JsonNode value = Yaml.json().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
            if (value != null && value.isContainerNode()) {
                plain = Yaml.json().writeValueAsString(value);
            }
        } catch (java.io.IOException | RuntimeException notOneJsonValue) {
            // masked as it is; the reply parser reports what is wrong with it
        }
        return redactor.redact(plain);
    }
}
