package dev.handoff.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.Transcript;
import dev.handoff.transcript.TranscriptProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReplayEngineTest {

    static final HandoffConfig CONFIG = Fixtures.config(Fixtures.scoringConfig());

    static Transcript transcript(String id, Expectation expect, String script, String... userTexts) {
        ObjectNode meta = Yaml.json().createObjectNode();
        try {
            meta.set("script", Yaml.json().readTree(script));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        List<Message> messages = Arrays.stream(userTexts).map(t -> new Message(Message.Role.USER, t, null, null)).toList();
        return new Transcript(id, meta, null, messages, expect, SourceLocation.of(null));
    }

    static List<ReadResult> items(Transcript... ts) {
        List<ReadResult> out = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            out.add(new ReadResult.Read(i, ts[i]));
        }
        return out;
    }

    static List<TranscriptOutcome> run(Classifier c, ReplayOptions options, Sweep sweep, List<ReadResult> items, List<String> bad) {
        List<TranscriptOutcome> out = new ArrayList<>();
        new ReplayEngine(CONFIG, c, options, sweep).run(items.iterator(), new ReplayEngine.Listener() {
            @Override
            public void outcome(TranscriptOutcome o) {
                out.add(o);
            }

            @Override
            public void bad(long ordinal, TranscriptProblem problem) {
                bad.add(ordinal + " " + problem.describe());
            }
        });
        return out;
    }

    static ReplayOptions options(int window) {
        return new ReplayOptions(window, false, 1, null, false);
    }

    static final Expectation HUMAN = new Expectation(true, List.of("asks_for_human"), null, null);

    @Test
    void outcomesKeepInputOrderWhenShortTranscriptsOvertakeLongOnes() {
        Transcript longOne = transcript("long", HUMAN, "{\"5\": {\"fired\": [\"asks_for_human\"]}}", "a", "b", "c", "d", "e");
        Transcript s1 = transcript("s1", HUMAN, "{\"1\": {\"fired\": [\"asks_for_human\"]}}", "x");
        Transcript s2 = transcript("s2", HUMAN, "{}", "y");
        Transcript s3 = transcript("s3", HUMAN, "{\"1\": {\"fired\": [\"asks_for_human\"]}}", "z");
        ScriptedClassifier c = new ScriptedClassifier(CONFIG);
        List<TranscriptOutcome> out = run(c, options(2), null, items(longOne, s1, s2, s3), new ArrayList<>());
        assertThat(out).extracting(TranscriptOutcome::id).containsExactly("long", "s1", "s2", "s3");
        assertThat(out.get(0).triggerTurn()).isEqualTo(5);
        // the window of 2 keeps the long transcript in flight while the short ones pass through beside it
        assertThat(c.batches).containsExactly(List.of("long#1", "s1#1"), List.of("long#2", "s2#1"), List.of("long#3", "s3#1"),
                List.of("long#4"), List.of("long#5"));
    }

    @Test
    void finishedTranscriptsAreCountedWhenTheyFinishNotWhenEarlierOnesLetThemOut() {
        // outcomes come in input order: behind one long conversation the count of outcomes stayed 0
        Transcript longOne = transcript("long", new Expectation(false, List.of(), null, null), "{}", "a", "b", "c", "d");
        Transcript s1 = transcript("s1", new Expectation(false, List.of(), null, null), "{}", "x");
        Transcript s2 = transcript("s2", new Expectation(false, List.of(), null, null), "{}", "y");
        ReplayEngine engine = new ReplayEngine(CONFIG, new ScriptedClassifier(CONFIG), new ReplayOptions(8, false, 1, null, false), null);
        List<Long> finished = new ArrayList<>();
        List<Integer> outcomesWhenFinished = new ArrayList<>();
        List<TranscriptOutcome> out = new ArrayList<>();
        engine.run(items(longOne, s1, s2).iterator(), new ReplayEngine.Listener() {
            @Override
            public void outcome(TranscriptOutcome o) {
                out.add(o);
            }

            @Override
            public void bad(long ordinal, TranscriptProblem problem) {
            }

            @Override
            public void transcriptsFinished(long total) {
                finished.add(total);
                outcomesWhenFinished.add(out.size());
            }
        });
        assertThat(finished.get(0)).as("after the first round both short ones are done").isEqualTo(2L);
        assertThat(outcomesWhenFinished.get(0)).as("while their outcomes still wait for the long one").isZero();
        assertThat(finished.get(finished.size() - 1)).isEqualTo(3L);
        assertThat(out).extracting(TranscriptOutcome::id).containsExactly("long", "s1", "s2");
    }

    @Test
    void allTurnsGoesOnAfterTheTriggerButScoresTheFirst() {
        Transcript t = transcript("t", new Expectation(true, List.of("asks_for_human"), 2, null),
                "{\"1\": {\"fired\": [\"user_frustration\"]}, \"2\": {\"fired\": [\"asks_for_human\"]}, \"3\": {\"invalid\": \"garbled\"}}",
                "ugh", "a person please", "hello?");
        ReplayEngine engine = new ReplayEngine(CONFIG, new ScriptedClassifier(CONFIG), new ReplayOptions(8, true, 1, null, false), null);
        List<TranscriptOutcome> out = new ArrayList<>();
        List<Long> turnsSeen = new ArrayList<>();
        engine.run(items(t).iterator(), new ReplayEngine.Listener() {
            @Override
            public void outcome(TranscriptOutcome o) {
                out.add(o);
            }

            @Override
            public void bad(long ordinal, TranscriptProblem problem) {
            }

            @Override
            public void turnsClassified(long total) {
                turnsSeen.add(total);
            }
        });
        TranscriptOutcome o = out.get(0);
        assertThat(turnsSeen).as("after each round, the turns answered so far: progress that moves before outcomes do")
                .containsExactly(1L, 2L, 3L);
        assertThat(o.triggerTurn()).isEqualTo(1);
        assertThat(o.turns()).containsExactly(new TranscriptOutcome.TurnFiring(1, List.of("user_frustration")),
                new TranscriptOutcome.TurnFiring(2, List.of("asks_for_human")));
        assertThat(o.status()).as("an invalid answer after the trigger does not change the score").isEqualTo(TranscriptOutcome.Status.SCORED);
        assertThat(o.labels()).containsOnlyKeys("user_frustration", "asks_for_human");
        assertThat(engine.invalidAfterTrigger()).isEqualTo(1);
    }

    @Test
    void progressMovesWhileTheClassifierAnswersARoundNotOnlyAfterIt() {
        ScriptedClassifier scripted = new ScriptedClassifier(CONFIG);
        List<String> events = new ArrayList<>();
        Classifier oneByOne = new Classifier() {
            @Override
            public String id() {
                return "one-by-one";
            }

            @Override
            public Map<String, String> describe() {
                return Map.of();
            }

            @Override
            public List<Verdict> classify(List<TurnRequest> turns) {
                return scripted.classify(turns);
            }

            @Override
            public List<Verdict> classify(List<TurnRequest> turns, java.util.function.IntConsumer answered) {
                // as a model server's batch does: answers come one by one, long before the batch returns
                for (int i = 1; i <= turns.size(); i++) {
                    answered.accept(i);
                }
                events.add("batch returned");
                return scripted.classify(turns);
            }
        };
        Transcript a = transcript("a", HUMAN, "{}", "x", "y");
        Transcript b = transcript("b", HUMAN, "{}", "x");
        Transcript c = transcript("c", HUMAN, "{}", "x");
        new ReplayEngine(CONFIG, oneByOne, options(3), null).run(items(a, b, c).iterator(), new ReplayEngine.Listener() {
            @Override
            public void outcome(TranscriptOutcome o) {
            }

            @Override
            public void bad(long ordinal, TranscriptProblem problem) {
            }

            @Override
            public void turnsClassified(long total) {
                events.add(Long.toString(total));
            }
        });
        assertThat(events).as("each answer is reported once, within its round").containsExactly(
                "1", "2", "3", "batch returned", "4", "batch returned");
    }

    @Test
    void aRouteThatIsNotAnActiveProfileIsInvalidOutput() {
        Transcript t = transcript("t", HUMAN, "{\"1\": {\"fired\": [\"asks_for_human\"], \"route\": \"Sales\"}}", "hi");
        TranscriptOutcome o = run(new ScriptedClassifier(CONFIG), options(1), null, items(t), new ArrayList<>()).get(0);
        assertThat(o.status()).isEqualTo(TranscriptOutcome.Status.INVALID);
        assertThat(o.invalid()).isEqualTo(new TranscriptOutcome.InvalidTurn(1, "picked routing profile 'Sales', which is not an active routing profile"));
    }

    @Test
    void repeatedRunsThatDisagreeAreUnstableAndTheFirstIsScored() {
        Classifier flaky = new Classifier() {
            int calls;

            @Override
            public String id() {
                return "flaky";
            }

            @Override
            public Map<String, String> describe() {
                return Map.of();
            }

            @Override
            public List<Verdict> classify(List<TurnRequest> turns) {
                List<Verdict> out = new ArrayList<>();
                for (TurnRequest t : turns) {
                    boolean fire = t.transcript().id().equals("flaky") && calls++ % 2 == 0;
                    out.add(new Verdict.Decision(fire ? Set.of("asks_for_human") : Set.of(), null, "", Map.of()));
                }
                return out;
            }
        };
        Transcript flakyOne = transcript("flaky", HUMAN, "{}", "maybe a person?");
        Transcript steady = transcript("steady", HUMAN, "{}", "hello");
        List<TranscriptOutcome> out = run(flaky, new ReplayOptions(8, false, 3, null, false), null, items(flakyOne, steady), new ArrayList<>());
        assertThat(out.get(0).unstable()).isTrue();
        assertThat(out.get(0).runs()).extracting(TranscriptOutcome.RunSummary::triggerTurn).containsExactly(1, null, 1);
        assertThat(out.get(0).labels()).containsEntry("asks_for_human", List.of(Label.TP));
        assertThat(out.get(1).unstable()).isFalse();
        Summary s = new Summary(TestContexts.of(CONFIG, "flaky"));
        out.forEach(s::add);
        assertThat(s.unstableCount()).isEqualTo(1);
    }

    @Test
    void badTranscriptsStopReplayUnlessKeepGoingAndThenComeInOrder() {
        TranscriptProblem p = new TranscriptProblem(new SourceLocation(java.nio.file.Path.of("x.jsonl"), 2, 0), null, null, "malformed JSON: oops", null);
        List<ReadResult> items = new ArrayList<>(items(transcript("a", HUMAN, "{}", "hi")));
        items.add(new ReadResult.Bad(1, p));
        items.add(new ReadResult.Read(2, transcript("b", HUMAN, "{}", "hi")));
        HandoffException e = assertThrows(HandoffException.class,
                () -> run(new ScriptedClassifier(CONFIG), options(8), null, items, new ArrayList<>()));
        assertThat(e.getMessage()).isEqualTo("x.jsonl:2: malformed JSON: oops");
        List<String> bad = new ArrayList<>();
        List<TranscriptOutcome> out = run(new ScriptedClassifier(CONFIG), new ReplayOptions(8, false, 1, null, true), null, items, bad);
        assertThat(out).extracting(TranscriptOutcome::id).containsExactly("a", "b");
        assertThat(bad).containsExactly("1 x.jsonl:2: malformed JSON: oops");
    }

    @Test
    void aShardReplaysOnlyItsOwnTranscripts() {
        Transcript[] ts = new Transcript[40];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = transcript("t" + i, HUMAN, "{}", "hi");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Shard shard = new Shard(i, 3);
            List<TranscriptOutcome> out = run(new ScriptedClassifier(CONFIG), new ReplayOptions(8, false, 1, shard, false), null, items(ts), new ArrayList<>());
            assertThat(out).allMatch(o -> shard.owns(o.id())).isNotEmpty();
            out.forEach(o -> seen.add(o.id()));
        }
        assertThat(seen).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void scoresFeedTheSweepAsARunningMaximumPerTurn() {
        Transcript t = transcript("t", HUMAN, "{\"1\": {\"scores\": {\"asks_for_human\": 0.3}}, \"2\": {\"scores\": {\"asks_for_human\": 0.2}},"
                + " \"3\": {\"scores\": {\"asks_for_human\": 0.8}, \"fired\": [\"asks_for_human\"]}}", "a", "b", "c");
        Sweep sweep = new Sweep(List.of("asks_for_human"), 0.01, Map.of());
        run(new ScriptedClassifier(CONFIG), new ReplayOptions(8, true, 1, null, false), sweep, items(t), new ArrayList<>());
        assertThat(sweep.hasScores("asks_for_human")).isTrue();
        assertThat(sweep.row("asks_for_human", 60).tp()).as("0.30 fires at turn 1").isEqualTo(1);
        assertThat(sweep.row("asks_for_human", 160).tp()).as("0.80 fires at turn 3").isEqualTo(1);
        assertThat(sweep.row("asks_for_human", 161).fn()).as("above 0.80 never fires").isEqualTo(1);
    }
}
