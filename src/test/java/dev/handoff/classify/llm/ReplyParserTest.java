package dev.handoff.classify.llm;

import dev.handoff.classify.Verdict;
import org.junit.jupiter.api.Test;

import static dev.handoff.classify.Fixtures.quickchat;
import static org.assertj.core.api.Assertions.assertThat;

/** A reply is one JSON object, exactly: what else a model writes makes it invalid output, never a verdict. */
class ReplyParserTest {

    private static final String VALID = "{\"criteria\":[\"asks_for_human\"],\"routing_profile\":null,\"rationale\":\"x\"}";

    private final ConversationPrompt prompt = ConversationPrompt.of(quickchat("quickchat-three-criteria-two-profiles.yaml"));

    @Test
    void textAfterTheJsonObjectIsInvalidOutputNamingWhatFollows() {
        assertThat(reason(VALID + " Hope this helps! {\"criteria\":[]}"))
                .isEqualTo("reply has more after its JSON value: \"Hope this helps! {\"criteria\":[]}\"");
        assertThat(reason(VALID + "}]]")).isEqualTo("reply has more after its JSON value: \"}]]\"");
        assertThat(reason(VALID + "\n{\"criteria\":[],\"routing_profile\":null,\"rationale\":\"y\"}"))
                .isEqualTo("reply has more after its JSON value: \"{\"criteria\":[],\"routing_profile\":null,\"r...\"");
        assertThat(reason("[] trailing")).isEqualTo("reply has more after its JSON value: \"trailing\"");
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        Verdict v = ReplyParser.parse("\n  " + VALID + " \n\t", prompt);
        assertThat(v).isInstanceOfSatisfying(Verdict.Decision.class, d -> assertThat(d.fired()).containsExactly("asks_for_human"));
    }

    @Test
    void aMarkdownFenceStaysInvalidAsBefore() {
        assertThat(reason("```json\n" + VALID + "\n```")).startsWith("reply is not JSON: ");
        assertThat(reason("Sure! " + VALID)).startsWith("reply is not JSON: ");
    }

    @Test
    void aDuplicateFieldStaysInvalid() {
        assertThat(reason("{\"criteria\":[],\"criteria\":[\"asks_for_human\"],\"routing_profile\":null,\"rationale\":\"x\"}"))
                .startsWith("reply is not JSON: ").contains("criteria");
    }

    private String reason(String reply) {
        Verdict v = ReplyParser.parse(reply, prompt);
        assertThat(v).as(reply).isInstanceOf(Verdict.Invalid.class);
        assertThat(((Verdict.Invalid) v).raw()).isEqualTo(reply);
        return ((Verdict.Invalid) v).reason();
    }
}
