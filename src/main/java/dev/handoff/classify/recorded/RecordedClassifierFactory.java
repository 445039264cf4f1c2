package dev.handoff.classify.recorded;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --classifier recorded}: an LLM's verdicts replayed from the verdict files, offline. */
public final class RecordedClassifierFactory implements ClassifierFactory {

    public static final String ID = "recorded";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Classifier create(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        Verdicts all = Verdicts.empty();
        List<String> names = new ArrayList<>();
        for (Path file : options.verdictFiles()) {
            if (Files.isRegularFile(file)) {
                Verdicts v = VerdictFile.read(file);
                // the same key is the same question: a verdict already read stays
                all = merge(all, v);
                names.add(file.getFileName().toString());
            }
        }
        return new RecordedClassifier(config, all, names);
    }

    private static Verdicts merge(Verdicts first, Verdicts second) {
        List<RecordedVerdict> extra = new ArrayList<>();
        for (RecordedVerdict v : second.all()) {
            if (first.get(v.key()) == null) {
                extra.add(v);
            }
        }
        return first.with(extra);
    }
}
