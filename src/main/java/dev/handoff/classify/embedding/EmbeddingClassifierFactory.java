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
    public java.util.Map<String, java.nio.file.Path> reads(EvaluationSettings settings) {
        EmbeddingOptions options;
        try {
            options = EmbeddingOptions.from(settings == null ? EvaluationSettings.NONE : settings);
        } catch (RuntimeException unreadable) {
            return java.util.Map.of(); // reported with its position when the classifier is created
        }
        java.util.Map<String, java.nio.file.Path> files = new java.util.LinkedHashMap<>();
        String probes = options.referenceProbes();
        if (!probes.equals("none") && !probes.equals("builtin")) {
            files.put("classifier.embedding.reference_probes", EmbeddingClassifier.relativeToSettings(settings, probes));
        }
        if (options.training() != null) {
            int i = 0;
            for (java.nio.file.Path t : options.training().transcripts()) {
                files.put("classifier.embedding.training.transcripts[" + i++ + "]", t);
            }
            i = 0;
            for (java.nio.file.Path v : options.training().verdicts()) {
                files.put("classifier.embedding.training.verdicts[" + i++ + "]", v);
            }
        }
        return files;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        return new EmbeddingClassifier(config, settings == null ? EvaluationSettings.NONE : settings, options);
    }
}
