package dev.handoff.classify.embedding;

import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.config.HandoffConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Training on a team's own data, when the evaluation settings name some ({@code classifier.embedding.training}):
 * reads the labelled turns ({@link TrainingSet}), lets the classifier embed and score them as it would in a
 * replay, and fits and cross-validates one probe per criterion ({@link TrainedProbes}).
 */
final class OwnTraining {

    /**
     * A training turn as the classifier sees it.
     *
     * @param features     whole-turn features, null for a turn without text (media only): such a turn is left out
     * @param phraseScores criterion -> the phrase probe's score
     */
    record TurnView(float[] features, Map<String, Double> phraseScores) {
    }

    /** What was learned, and what the replay report says about it. */
    /** @param transcriptIds the ids of the transcripts whose turns were learnt from */
    record Result(EmbeddingOptions.TrainingOptions options, TrainingSet.Loaded loaded, int used, Map<String, TrainedProbes.Outcome> outcomes,
                  java.util.Set<String> transcriptIds) {

        /** The fitted probe for a criterion, or null. */
        ReferenceProbes.Probe probe(String criterion) {
            TrainedProbes.Outcome o = outcomes.get(criterion);
            return o == null ? null : o.probe();
        }

        Map<String, String> describe() {
            Map<String, String> d = new LinkedHashMap<>();
            int withoutText = loaded.turns().size() - used;
            d.put("training", String.join(", ", options.named()) + ": " + used + " labelled turns"
                    + (withoutText > 0 ? " (" + withoutText + " more without text left out)" : "") + " of " + loaded.transcripts()
                    + " transcripts (" + loaded.from(TrainingSet.Source.VERDICT) + " labelled by recorded verdicts, "
                    + loaded.from(TrainingSet.Source.TRANSCRIPT_LABEL) + " by transcript labels; " + loaded.verdicts()
                    + " verdicts in the files" + (loaded.badTranscripts() > 0 ? "; " + loaded.badTranscripts()
                    + (loaded.badTranscripts() == 1 ? " unreadable transcript skipped," : " unreadable transcripts skipped,")
                    + " first: " + loaded.firstBad() : "")
                    + "); folds by transcript"
                    // a reworded criterion changes every question: the verdicts then teach nothing, and only the counts said so
                    + (loaded.verdicts() > 0 && loaded.from(TrainingSet.Source.VERDICT) == 0
                    ? "; none of the verdicts is for this configuration's wording: record them again ('handoff replay --classifier"
                    + " ollama --record' on these transcripts)" : ""));
            outcomes.forEach((c, o) -> d.put("training." + c, o.describe(options.folds(), options.blend())));
            return d;
        }
    }

    private OwnTraining() {
    }

    static Result run(EmbeddingOptions.TrainingOptions options, HandoffConfig config, List<CriterionScorer> phrase,
                      BiFunction<List<TurnRequest>, List<CriterionScorer>, List<TurnView>> view,
                      Function<List<String>, List<float[]>> embedTexts) {
        TrainingSet.Loaded loaded = TrainingSet.load(options, ConversationPrompt.of(config));
        List<TurnView> views = view.apply(loaded.turns().stream().map(TrainingSet.LabelledTurn::turn).toList(), phrase);
        List<TrainedProbes.Example> examples = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            TurnView v = views.get(i);
            TrainingSet.LabelledTurn t = loaded.turns().get(i);
            if (v.features() != null) {
                examples.add(new TrainedProbes.Example(t.transcriptId(), v.features(), v.phraseScores(), t.labels()));
            }
        }
        List<float[]> background = new ArrayList<>();
        for (float[] b : embedTexts.apply(Training.builtinNeutral())) {
            background.add(ReferenceProbes.features(List.of(b), List.of()));
        }
        Map<String, TrainedProbes.Outcome> outcomes = TrainedProbes.fit(phrase, examples, background, options.folds(), options.blend(),
                "the evaluation settings' training turns (" + examples.size() + ")");
        java.util.Set<String> ids = new java.util.HashSet<>();
        loaded.turns().forEach(t -> ids.add(t.transcriptId()));
        return new Result(options, loaded, examples.size(), outcomes, java.util.Set.copyOf(ids));
    }
}
