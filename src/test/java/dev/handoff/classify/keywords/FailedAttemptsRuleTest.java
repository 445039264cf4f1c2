package dev.handoff.classify.keywords;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.classify.TurnRequest;
import dev.handoff.config.FailedAttempts;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.ReadResult;
import dev.handoff.transcript.Transcript;
import dev.handoff.transcript.TranscriptReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAttemptsRuleTest {

    private static final FailedAttempts BOTH = new FailedAttempts(2, true, true, FailedAttempts.DEFAULT_FALLBACK_PHRASES);

    private static Message user(String text) {
        return new Message(Message.Role.USER, text, null, null);
    }

    private static Message bot(String text) {
        return new Message(Message.Role.ASSISTANT, text, null, null);
    }

    private static Transcript transcript(Message... messages) {
        return new Transcript("t", JsonNodeFactory.instance.objectNode(), null, List.of(messages), null, SourceLocation.of(null));
    }

    /** The first user turn at which the rule fires, or 0. */
    private static int firstFiring(FailedAttemptsRule rule, Transcript t) {
        for (int k = 1; k <= t.userTurns(); k++) {
            if (rule.fires(new TurnRequest(t, k))) {
                return k;
            }
        }
        return 0;
    }

    @Test
    void turnsAskedOutOfOrderOrInterleavedWithAnotherConversationCountTheSame() {
        Transcript a = transcript(user("the blue thing"), bot("Sorry, I didn’t get that."), user("the stove thing"),
                bot("I'm not sure I understand, could you rephrase?"), user("adapter"), bot("Here it is."), user("thanks"));
        Transcript b = transcript(user("where is my order 123"), bot("It ships today."), user("where is my order 123"),
                bot("It ships today."), user("ok"));
        FailedAttemptsRule rule = new FailedAttemptsRule(BOTH);
        // the rule keeps the turns it judged for the conversation in hand: switching and going back must not mix them
        assertThat(rule.failedBefore(a, 4)).isEqualTo(2);
        assertThat(rule.failedBefore(b, 3)).as("turn 2 repeats turn 1; turn 3 is no repeat of turn 2").isEqualTo(1);
        assertThat(rule.failedBefore(a, 2)).isEqualTo(1);
        assertThat(rule.failedBefore(b, 2)).as("turn 1 is judged by turn 2, its repeat").isEqualTo(1);
        assertThat(rule.failedBefore(b, 1)).isZero();
        assertThat(rule.failedBefore(a, 3)).isEqualTo(2);
        assertThat(rule.failedBefore(b, 99)).as("past the last turn: every turn judged").isEqualTo(1);
    }

    @Test
    void firesAtTheUserMessageAfterTheNthFallback() {
        Transcript t = transcript(user("the blue thing"), bot("Sorry, I didn’t get that."), user("the stove thing"),
                bot("I'm not sure I understand, could you rephrase?"), user("adapter"), bot("Here it is."), user("thanks"));
        FailedAttemptsRule rule = new FailedAttemptsRule(BOTH);
        // hand count: turn 1 failed (fallback, typographic apostrophe), turn 2 failed (fallback); turn 3 sees 2
        assertThat(rule.failedBefore(t, 1)).isZero();
        assertThat(rule.failedBefore(t, 2)).isEqualTo(1);
        assertThat(rule.failedBefore(t, 3)).isEqualTo(2);
        assertThat(firstFiring(rule, t)).isEqualTo(3);
        assertThat(firstFiring(new FailedAttemptsRule(new FailedAttempts(3, true, true, FailedAttempts.DEFAULT_FALLBACK_PHRASES)), t))
                .as("N=3 never reaches its count here").isZero();
        assertThat(firstFiring(new FailedAttemptsRule(new FailedAttempts(1, true, true, FailedAttempts.DEFAULT_FALLBACK_PHRASES)), t))
                .as("N=1 hands off at the first message after a fallback").isEqualTo(2);
    }

    @Test
    void aFallbackAndARepeatOfTheSameTurnCountOnce() {
        Transcript t = transcript(user("where is my parcel number 4411"), bot("Sorry, I didn't get that."),
                user("where is my parcel number 4411"), bot("It left our warehouse yesterday."), user("ok thanks"));
        FailedAttemptsRule rule = new FailedAttemptsRule(BOTH);
        assertThat(rule.failedBefore(t, 2)).as("turn 1 failed twice over, counted once").isEqualTo(1);
        assertThat(rule.failedBefore(t, 3)).isEqualTo(1);
        assertThat(firstFiring(rule, t)).isZero();
    }

    @Test
    void countsOnlyWhatTheRuleIsToldToCount() {
        Transcript t = transcript(user("can I return boots from the Cluj store online"), bot("Returns take 30 days."),
                user("can I return boots from the Cluj store online please"), bot("Sorry, I didn't get that."),
                user("boots, Cluj store, return online?"));
        assertThat(new FailedAttemptsRule(new FailedAttempts(2, true, false, FailedAttempts.DEFAULT_FALLBACK_PHRASES)).failedBefore(t, 3))
                .as("fallbacks only: turn 2").isEqualTo(1);
        assertThat(new FailedAttemptsRule(new FailedAttempts(2, false, true, FailedAttempts.DEFAULT_FALLBACK_PHRASES)).failedBefore(t, 3))
                .as("repeats only: turn 1").isEqualTo(1);
        assertThat(new FailedAttemptsRule(BOTH).failedBefore(t, 3)).isEqualTo(2);
    }

    @Test
    void ownFallbackPhrasesReplaceTheDefaults() {
        Transcript t = transcript(user("blah"), bot("Hmm, that one escapes me!"), user("blah blah"), bot("Hmm, that one escapes me!"), user("?"));
        assertThat(new FailedAttemptsRule(BOTH).failedBefore(t, 3)).isZero();
        FailedAttempts own = new FailedAttempts(2, true, true, List.of("that one escapes me"));
        assertThat(new FailedAttemptsRule(own).failedBefore(t, 3)).isEqualTo(2);
    }

    @Test
    void repeatsAreNearDuplicatesOfSeveralWords() {
        assertThat(FailedAttemptsRule.repeats("Where is my order??", "where is my order")).isTrue();
        assertThat(FailedAttemptsRule.repeats("can i return boots bought in the cluj store via the online shop",
                "can I return boots I bought in the Cluj store through the online shop")).isTrue();
        assertThat(FailedAttemptsRule.repeats("yes", "yes")).as("one word answers two questions").isFalse();
        assertThat(FailedAttemptsRule.repeats("no thanks", "no thanks")).as("the same two words").isTrue();
        assertThat(FailedAttemptsRule.repeats("do you ship to Moldova", "do you ship to Romania")).isFalse();
        assertThat(FailedAttemptsRule.repeats("", "where is my order")).isFalse();
    }

    @Test
    void theRepositoryTranscriptsFireWhereTheirLabelsSay() {
        List<String> found = new ArrayList<>();
        try (TranscriptReader reader = TranscriptReader.open(List.of(Path.of("transcripts/failed-attempts")), null)) {
            FailedAttemptsRule rule = new FailedAttemptsRule(BOTH);
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                Transcript t = ((ReadResult.Read) r).transcript();
                found.add(t.id() + "=" + firstFiring(rule, t));
            }
        }
        // hand-computed: two fallbacks -> turn 3; one fallback then an answer -> never;
        // two repeats -> turn 3; "yes" twice -> never
        assertThat(found).containsExactlyInAnyOrder("handoff-at-second-fallback=3", "recovers-after-one-fallback=0",
                "user-rephrases-twice=3", "one-word-answers-are-not-repeats=0");
    }
}
