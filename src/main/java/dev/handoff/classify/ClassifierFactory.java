package dev.handoff.classify;

import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** Creates a classifier for a configuration; one implementation per classifier kind. */
public interface ClassifierFactory {

    String id();

    Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options);

    /**
     * The files and folders the classifier reads besides the configuration and its settings
     * (training data, a probe file), with the settings field that names each: a report must not
     * be written over them. Settings that do not parse name nothing here; the run reports them.
     */
    default java.util.Map<String, java.nio.file.Path> reads(EvaluationSettings settings) {
        return java.util.Map.of();
    }
}
