package dev.handoff.eval;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** Registered for tests only (src/test/resources/META-INF/services), as {@code --classifier scripted}. */
public final class ScriptedClassifierFactory implements ClassifierFactory {

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new ScriptedClassifier(config);
    }
}
