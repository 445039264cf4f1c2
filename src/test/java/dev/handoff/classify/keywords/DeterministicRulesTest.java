package dev.handoff.classify.keywords;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.classify.TurnRequest;
import dev.handoff.config.Criterion;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.WorkingHours;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeterministicRulesTest {

    private static HandoffConfig config(boolean mediaActive) {
        return new HandoffConfig(Provider.QUICKCHAT, true, List.of(
                new Criterion(Criterion.KEYWORDS, "", Criterion.Kind.KEYWORDS, true),
                new Criterion(Criterion.MEDIA_MESSAGE, "", Criterion.Kind.GENERIC, mediaActive),
                new Criterion("asks_for_human", "", Criterion.Kind.CUSTOM, true)),
                List.of("live agent"), WorkingHours.ALWAYS, List.of());
    }

    private static Transcript transcript(Message... messages) {
        return new Transcript("t", JsonNodeFactory.instance.objectNode(), null, List.of(messages), null, SourceLocation.of(null));
    }

    @Test
    void keywordsFireOnTheUserMessageOfTheTurnOnly() {
        Transcript t = transcript(new Message(Message.Role.USER, "live agent please", null, null),
                new Message(Message.Role.ASSISTANT, "one moment, a live agent", null, null),
                new Message(Message.Role.USER, "thanks", null, null));
        DeterministicRules rules = new DeterministicRules(config(true));
        assertThat(rules.fired(new TurnRequest(t, 1))).containsExactly(Criterion.KEYWORDS);
        assertThat(rules.fired(new TurnRequest(t, 2))).as("the assistant said it, and turn 1 was asked already").isEmpty();
    }

    @Test
    void mediaFiresOnlyWhenTheGuidelineIsActive() {
        Transcript t = transcript(new Message(Message.Role.USER, null, null, Message.Media.AUDIO));
        assertThat(new DeterministicRules(config(true)).fired(new TurnRequest(t, 1))).containsExactly(Criterion.MEDIA_MESSAGE);
        assertThat(new DeterministicRules(config(false)).fired(new TurnRequest(t, 1))).isEmpty();
    }
}
