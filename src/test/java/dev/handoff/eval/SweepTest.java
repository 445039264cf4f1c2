package dev.handoff.eval;

import dev.handoff.transcript.Expectation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed: each criterion on its own, firing at the first turn whose score reaches the threshold. */
class SweepTest {

    static Sweep sweep() {
        Sweep s = new Sweep(List.of("c"), 0.01, Map.of("c", 0.5));
        // A: expected for c; scores 0.3 then 0.8
        s.add(new Expectation(true, List.of("c"), null, null), Map.of("c", List.of(new Sweep.Point(1, 0.3), new Sweep.Point(2, 0.8))));
        // B: no handoff expected; 0.5 at turn 1
        s.add(new Expectation(false, List.of(), null, null), Map.of("c", List.of(new Sweep.Point(1, 0.5))));
        // C: expected for c from turn 2; 0.9 at turn 1 (too early), 0.95 at turn 2
        s.add(new Expectation(true, List.of("c"), 2, null), Map.of("c", List.of(new Sweep.Point(1, 0.9), new Sweep.Point(2, 0.95))));
        // D: expected for another criterion; 0.6 at turn 1 (wrong reason)
        s.add(new Expectation(true, List.of("other"), null, null), Map.of("c", List.of(new Sweep.Point(1, 0.6))));
        return s;
    }

    static long[] counts(Sweep.Row r) {
        return new long[]{r.tp(), r.fp(), r.fn(), r.tn()};
    }

    @Test
    void countsPerThresholdFollowTheScoringRules() {
        Sweep s = sweep();
        assertThat(counts(s.row("c", 100))).as("t=0.50").containsExactly(1, 3, 1, 0);
        assertThat(counts(s.row("c", 140))).as("t=0.70").containsExactly(1, 1, 1, 2);
        assertThat(counts(s.row("c", 184))).as("t=0.92").containsExactly(1, 0, 1, 2);
        assertThat(counts(s.row("c", 200))).as("t=1.00").containsExactly(0, 0, 2, 2);
        assertThat(s.row("c", 140).fpRate()).isEqualTo(1.0 / 3);
    }

    @Test
    void suggestsTheLowestThresholdWithinTheTargetFalsePositiveRate() {
        Sweep.Row best = sweep().suggest("c");
        assertThat(best.threshold()).isEqualTo(0.905);
        assertThat(counts(best)).containsExactly(1, 0, 1, 2);
        assertThat(sweep().configuredThreshold("c")).isEqualTo(0.5);
    }

    @Test
    void withoutScoresThereIsNoSuggestion() {
        Sweep s = new Sweep(List.of("c"), 0.01, Map.of());
        s.add(new Expectation(false, List.of(), null, null), Map.of());
        assertThat(s.hasScores("c")).isFalse();
        assertThat(s.anyScores()).isFalse();
        assertThat(s.suggest("c")).isNull();
    }
}
