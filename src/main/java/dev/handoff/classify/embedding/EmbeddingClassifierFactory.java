package dev.handoff.classify.embedding;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** {@code --classifier embedding}: the default, offline classifier. */
public final class EmbeddingClassifierFactory implements ClassifierFactory {

    public static final String ID = "embedding";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new EmbeddingClassifier(config, settings == null ? EvaluationSettings.NONE : settings, options);
    }
}
