package dev.handoff.classify.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.validate.ClassifierSettingsCheck;
import dev.handoff.config.yaml.Yaml;

import java.nio.file.Path;

/** {@code validate} reads {@code classifier.embedding} with the very code replay reads it with. */
public final class EmbeddingSettingsCheck implements ClassifierSettingsCheck {

    @Override
    public String classifier() {
        return EmbeddingClassifierFactory.ID;
    }

    @Override
    public java.util.Map<String, java.util.List<String>> keys() {
        return java.util.Map.of("", EmbeddingOptions.KEYS, "criteria", EmbeddingOptions.PROBE_KEYS);
    }

    @Override
    public Problem check(JsonNode block, Path file) {
        var options = Yaml.json().createObjectNode().set(EmbeddingClassifierFactory.ID, block);
        EvaluationSettings settings = new EvaluationSettings(file, EvaluationSettings.GateLimits.NONE, java.util.Map.of(),
                java.util.Map.of(), options);
        try {
            EmbeddingOptions parsed = EmbeddingOptions.from(settings);
            String probes = parsed.referenceProbes();
            if (!probes.equals("none") && !probes.equals("builtin")) {
                EmbeddingClassifier.readProbeFile(EmbeddingClassifier.relativeToSettings(settings, probes));
            }
            return null;
        } catch (IllegalArgumentException e) {
            return new Problem("reference_probes", e.getMessage(), EmbeddingClassifier.PROBE_FILE_HINT);
        } catch (EmbeddingOptionException e) {
            return new Problem(e.field, e.what, EmbeddingOptionException.HINT);
        }
    }
}
