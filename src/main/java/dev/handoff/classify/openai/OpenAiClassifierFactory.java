package dev.handoff.classify.openai;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.llm.RetryPolicy;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

/** {@code --classifier openai}: any OpenAI-compatible Chat Completions server. */
public final class OpenAiClassifierFactory implements ClassifierFactory {

    public static final String ID = "openai";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new OpenAiClassifier(config, OpenAiSettings.from(options, settings), options, RetryPolicy.DEFAULT);
    }
}
