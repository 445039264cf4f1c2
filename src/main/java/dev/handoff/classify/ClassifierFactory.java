package dev.handoff.classify;

import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** Creates a classifier for a configuration; one implementation per classifier kind. */
public interface ClassifierFactory {

    String id();

    Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options);
}
