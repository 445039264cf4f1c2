package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.HandoffConfig;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.TranscriptProblem;
import dev.handoff.transcript.TranscriptReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scoring rule (docs/replay.md, "Scoring") on hand-computed fixtures (replay/scoring): each transcript carries
 * the scripted classifier's answers and the outcome worked out by hand, and the per-criterion
 * table below is the hand count over all of them.
 */
class ReplayScoringTest {

    static final List<TranscriptOutcome> outcomes = new ArrayList<>();
    static final Map<String, JsonNode> expected = new LinkedHashMap<>();
    static Summary summary;
    static ScriptedClassifier classifier;

    @BeforeAll
    static void replay() {
        HandoffConfig config = Fixtures.config(Fixtures.scoringConfig());
        classifier = new ScriptedClassifier(ReplayEngine.classifierView(config));
        summary = new Summary(TestContexts.of(config, "scripted"));
        List<ReadResult> items = new ArrayList<>();
        try (TranscriptReader reader = TranscriptReader.open(List.of(Fixtures.scoringTranscripts()), null)) {
            reader.forEachRemaining(items::add);
        }
        for (ReadResult r : items) {
            var t = ((ReadResult.Read) r).transcript();
            expected.put(t.id(), t.meta().get("expected"));
        }
        new ReplayEngine(config, classifier, new ReplayOptions(4, false, 1, null, false), null).run(items.iterator(), new ReplayEngine.Listener() {
            @Override
            public void outcome(TranscriptOutcome o) {
                outcomes.add(o);
                summary.add(o);
            }

            @Override
            public void bad(long ordinal, TranscriptProblem problem) {
                throw new AssertionError(problem.describe());
            }
        });
    }

    @Test
    void everyTranscriptHasTheHandComputedOutcome() {
        assertThat(outcomes).hasSize(17);
        for (TranscriptOutcome o : outcomes) {
            JsonNode e = expected.get(o.id());
            String what = "transcript " + o.id();
            assertThat(o.status().id()).as(what + " status").isEqualTo(e.get("status").asText());
            assertThat(o.triggerTurn()).as(what + " trigger turn").isEqualTo(e.get("trigger_turn").isNull() ? null : e.get("trigger_turn").asInt());
            assertThat(o.timing() == null ? null : o.timing().id()).as(what + " timing").isEqualTo(e.get("timing").isNull() ? null : e.get("timing").asText());
            assertThat(o.hours() == null ? null : o.hours().id()).as(what + " hours").isEqualTo(e.get("hours").isNull() ? null : e.get("hours").asText());
            Map<String, List<String>> labels = new LinkedHashMap<>();
            e.get("labels").properties().forEach(x -> labels.put(x.getKey(), OutcomeJson.strings(x.getValue())));
            Map<String, List<String>> actual = new LinkedHashMap<>();
            o.labels().forEach((c, l) -> actual.put(c, l.stream().map(Enum::name).toList()));
            assertThat(actual).as(what + " labels").isEqualTo(labels);
        }
    }

    @Test
    void outcomesComeInInputOrderWhateverTheWindow() {
        assertThat(outcomes.stream().map(TranscriptOutcome::ordinal).toList())
                .isSorted()
                .hasSize(17);
        assertThat(outcomes.get(0).id()).isEqualTo("tp-asks-for-human");
        assertThat(outcomes.get(16).id()).isEqualTo("keyword-and-classifier");
    }

    @Test
    void perCriterionCountsMatchTheHandCount() {
        // criterion: TP, FP, FN, TN over the 14 scored transcripts (see the fixture files)
        assertThat(summary.scored()).isEqualTo(14);
        assertCounts("keywords", 1, 1, 0, 12);
        assertCounts("user_frustration", 1, 2, 0, 11);
        assertCounts("lack_of_knowledge", 0, 0, 1, 13);
        assertCounts("media_message", 1, 0, 0, 13);
        assertCounts("asks_for_human", 2, 1, 2, 10);
        assertCounts("Refund requests", 3, 0, 2, 9);
    }

    @Test
    void ratesAndIntervalsFollowFromTheCounts() {
        CriterionStats s = summary.criterion("asks_for_human");
        assertThat(s.precision()).isEqualTo(2.0 / 3);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.fpRate(summary.scored())).isEqualTo(1.0 / 11);
        Wilson w = s.fpRateInterval(summary.scored());
        assertThat(w.low()).isBetween(0.016, 0.017);
        assertThat(w.high()).isBetween(0.377, 0.378);
        assertThat(summary.criterion("media_message").precision()).isEqualTo(1.0);
        assertThat(summary.criterion("lack_of_knowledge").precision()).as("never fired: no precision").isNull();
    }

    @Test
    void falsePositiveAndNegativeIdsAreListedWithTheTurnThatFired() {
        assertThat(summary.criterion("user_frustration").falsePositives()).extracting(Example::id)
                .containsExactly("fp-no-handoff-expected", "wrong-reason");
        Example early = summary.criterion("asks_for_human").falsePositives().get(0);
        assertThat(early.id()).isEqualTo("too-early");
        assertThat(early.turn()).isEqualTo(1);
        assertThat(early.text()).isEqualTo("Are you a person?");
        assertThat(summary.criterion("asks_for_human").falseNegatives()).extracting(Example::id)
                .containsExactly("too-early", "missed-listed");
    }

    @Test
    void inactiveCriteriaAreShownOnlyWhenSomeTranscriptExpectsThem() {
        assertThat(summary.shownCriteria()).extracting(CriterionStats::name).contains("lack_of_knowledge");
        assertThat(summary.criterion("lack_of_knowledge").info().active()).isFalse();
    }

    @Test
    void timingCountsPrematureLateAndMissed() {
        assertThat(summary.timing(Timing.ON_TIME)).isEqualTo(7);
        assertThat(summary.timing(Timing.PREMATURE)).isEqualTo(1);
        assertThat(summary.timing(Timing.LATE)).isEqualTo(1);
        assertThat(summary.timing(Timing.MISSED)).isEqualTo(3);
        assertThat(summary.timing(Timing.UNWANTED)).isEqualTo(1);
        assertThat(summary.timing(Timing.QUIET)).isEqualTo(1);
        assertThat(summary.timingExamples(Timing.PREMATURE).get(0).note()).isEqualTo("expected from turn 3");
    }

    @Test
    void unlabelledAndInvalidAreCountedNotScored() {
        assertThat(summary.transcripts()).isEqualTo(17);
        assertThat(summary.unlabelled()).isEqualTo(1);
        assertThat(summary.unlabelledHandoffs()).isEqualTo(1);
        assertThat(summary.unlabelledByCriterion()).containsExactly(Map.entry("asks_for_human", 1L));
        assertThat(summary.invalidCount()).isEqualTo(2);
        assertThat(summary.invalidExamples()).extracting(Example::note).containsExactly(
                "reply does not fit the schema", "named criterion 'keywords', which it was not asked about");
    }

    @Test
    void routingMatrixHasExpectedRowsAndPickedColumns() {
        assertThat(summary.routing().get("Billing")).containsExactly(Map.entry("Billing", 1L), Map.entry("Orders", 1L));
        assertThat(summary.routing().get(Summary.NONE)).containsExactly(Map.entry("(none)", 7L), Map.entry("Billing", 1L));
        assertThat(summary.routed()).isEqualTo(10);
        assertThat(summary.routedWithExpectation()).isEqualTo(2);
        assertThat(summary.routedCorrectly()).isEqualTo(1);
        assertThat(summary.routingLabels()).containsExactly("Billing", "Orders", "(none)");
    }

    @Test
    void workingHoursCountHandoffsThatMeetTheOutsideHoursMessage() {
        assertThat(summary.handoffs()).isEqualTo(11);
        assertThat(summary.hours(Hours.INSIDE)).isEqualTo(1);
        assertThat(summary.hours(Hours.OUTSIDE)).isEqualTo(2);
        assertThat(summary.hours(Hours.UNKNOWN)).isEqualTo(8);
        assertThat(summary.outsideHoursExamples()).extracting(Example::id).containsExactly("fp-no-handoff-expected", "late");
    }

    @Test
    void theClassifierIsAskedOnlyAboutActiveNonDeterministicCriteria() {
        assertThat(classifier.config.criteria()).extracting(c -> c.name())
                .containsExactly("user_frustration", "asks_for_human", "Refund requests");
    }

    @Test
    void turnsOfManyTranscriptsAreBatchedTogether() {
        assertThat(classifier.batches.get(0)).hasSize(4).allMatch(s -> s.endsWith("#1"));
        assertThat(classifier.batches.stream().mapToInt(List::size).max().orElse(0)).isEqualTo(4);
    }

    private static void assertCounts(String criterion, long tp, long fp, long fn, long tn) {
        CriterionStats s = summary.criterion(criterion);
        assertThat(new long[]{s.tp(), s.fp(), s.fn(), s.tn(summary.scored())}).as(criterion + " TP FP FN TN")
                .containsExactly(tp, fp, fn, tn);
    }
}
