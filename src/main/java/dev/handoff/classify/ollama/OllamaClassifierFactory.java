package dev.handoff.classify.ollama;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** {@code --classifier ollama}: the faithful classifier, a local LLM through Ollama. */
public final class OllamaClassifierFactory implements ClassifierFactory {

    public static final String ID = "ollama";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new OllamaClassifier(config, options, RetryPolicy.DEFAULT);
    }
}
