package dev.handoff.classify.embedding;

import dev.handoff.transcript.Expectation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a transcript's own label says about each user turn, when no recorded verdict labels it. */
class TrainingSetTest {

    private static final List<String> ASKED = List.of("asks_for_human", "refund");

    @Test
    void noHandoffExpectedMeansNothingFiresAtAnyTurn() {
        Expectation quiet = new Expectation(false, List.of(), null, null);
        assertThat(TrainingSet.fromLabel(quiet, 2, 3, ASKED)).isEqualTo(Map.of("asks_for_human", false, "refund", false));
    }

    @Test
    void aHandoffFromTurnTIsQuietBeforeAndFiresItsCriteriaAtTheLastTurnOnly() {
        Expectation handoff = new Expectation(true, List.of("refund"), 2, null);
        assertThat(TrainingSet.fromLabel(handoff, 1, 3, ASKED)).isEqualTo(Map.of("asks_for_human", false, "refund", false));
        assertThat(TrainingSet.fromLabel(handoff, 2, 3, ASKED)).as("between T and the last turn: unknown").isEmpty();
        assertThat(TrainingSet.fromLabel(handoff, 3, 3, ASKED)).as("the other criterion stays unknown").isEqualTo(Map.of("refund", true));
    }

    @Test
    void anUnlabelledTranscriptOrACriterionNotAskedTeachesNothing() {
        assertThat(TrainingSet.fromLabel(null, 1, 1, ASKED)).isEmpty();
        assertThat(TrainingSet.fromLabel(new Expectation(true, List.of("keywords"), null, null), 1, 1, ASKED)).isEmpty();
        assertThat(TrainingSet.fromLabel(new Expectation(true, List.of(), null, null), 1, 1, ASKED)).as("any criterion: which one is unknown").isEmpty();
    }
}
