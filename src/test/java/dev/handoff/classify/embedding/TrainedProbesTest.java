package dev.handoff.classify.embedding;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-validation by transcript: it is said to be impossible when the labelled turns cannot be split. */
class TrainedProbesTest {

    private static final int D = SentenceEncoder.DIMENSION;

    private static CriterionScorer scorer() {
        return new CriterionScorer("asks_for_human", CriterionScorer.Method.SIMILARITY, 0.5, null, List.of(), List.of(), 0, 0,
                List.of(), 0, 1, null);
    }

    /** Positives point one way, negatives the other: easy to learn whenever both kinds are there to learn from. */
    private static List<TrainedProbes.Example> examples(java.util.function.IntFunction<String> transcriptOf) {
        List<TrainedProbes.Example> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            float[] f = new float[2 * D];
            boolean yes = i < 5;
            f[0] = yes ? 1 : -1;
            f[1 + i] = 0.1f;
            out.add(new TrainedProbes.Example(transcriptOf.apply(i), f, Map.of("asks_for_human", 0.0), Map.of("asks_for_human", yes)));
        }
        return out;
    }

    @Test
    void allTurnsInOneTranscriptAreNotCalledCrossValidated() {
        var one = TrainedProbes.fit(List.of(scorer()), examples(i -> "all-in-one"), List.of(), 5, 0, "test")
                .get("asks_for_human");
        assertThat(one.probe()).isNotNull();
        assertThat(one.describe(5, 0)).startsWith("not cross-validated: the 10 labelled turns are in too few transcripts");

        var spread = TrainedProbes.fit(List.of(scorer()), examples(i -> "t" + i), List.of(), 5, 0, "test").get("asks_for_human");
        assertThat(spread.describe(5, 0)).startsWith("5-fold cross-validated agreement with the training labels:");
    }
}
