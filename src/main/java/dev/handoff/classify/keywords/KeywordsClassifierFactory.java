package dev.handoff.classify.keywords;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** Registered in {@code META-INF/services/dev.handoff.classify.ClassifierFactory}. */
public final class KeywordsClassifierFactory implements ClassifierFactory {

    @Override
    public String id() {
        return KeywordsClassifier.ID;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new KeywordsClassifier(config.keywords());
    }
}
