package dev.handoff.classify.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.TurnRequest;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.transcript.Transcript;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static dev.handoff.classify.Fixtures.conversation;
import static dev.handoff.classify.Fixtures.quickchat;
import static dev.handoff.classify.Fixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class ConversationPromptTest {

    private final HandoffConfig config = quickchat("quickchat-three-criteria-two-profiles.yaml");
    private final Transcript refund = conversation("refund", "Hi, I was charged twice", "Sorry to hear that. Which order?",
            "Order 1234. I want my money back now!");

    @Test
    void theMessagesForATurnAreExactlyTheGoldenOnes() throws Exception {
        PromptMessages messages = ConversationPrompt.of(config).messages(new TurnRequest(refund, 2));

        JsonNode golden = Yaml.json().readTree(resource("llm-messages-three-criteria-turn-2.json"));
        assertThat(messages.canonicalJson()).isEqualTo(Yaml.json().writeValueAsString(golden));
    }

    @Test
    void theStablePartComesFirstAndTheConversationLast() {
        ConversationPrompt prompt = ConversationPrompt.of(config);
        PromptMessages first = prompt.messages(new TurnRequest(refund, 1));
        PromptMessages second = prompt.messages(new TurnRequest(refund, 2));

        assertThat(first.messages()).extracting(PromptMessage::role).containsExactly("system", "user");
        assertThat(first.system()).isEqualTo(second.system()).isEqualTo(prompt.system())
                .contains("asks_for_human", "Refund requests", "Billing").doesNotContain("charged twice");
        assertThat(first.user()).endsWith("user: Hi, I was charged twice\n");
        assertThat(second.user()).endsWith("user: Order 1234. I want my money back now!\n");
        // the deterministic rule (media_message) and the inactive criterion are not asked about
        assertThat(prompt.criterionNames()).containsExactly("user_frustration", "asks_for_human", "Refund requests");
    }

    @Test
    void theKeyIsTheSha256OfTheCanonicalMessages() throws Exception {
        PromptMessages messages = ConversationPrompt.of(config).messages(new TurnRequest(refund, 2));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(messages.canonicalJson().getBytes(StandardCharsets.UTF_8)));
        assertThat(messages.key()).isEqualTo(expected).hasSize(64);
        assertThat(ConversationPrompt.of(quickchat("quickchat-three-criteria-two-profiles.yaml"))
                .messages(new TurnRequest(refund, 2)).key()).isEqualTo(messages.key());
    }

    @Test
    void editingOneCriterionsWordingChangesTheKeyOfEveryTurnButNotTheConversation() throws Exception {
        ObjectNode tree = (ObjectNode) Yaml.yaml().readTree(resource("quickchat-three-criteria-two-profiles.yaml"));
        ((ObjectNode) tree.get("custom_guidelines").get(1)).put("description", "The user asks for their money back.");
        HandoffConfig edited = HandoffConfig.from(Provider.QUICKCHAT, tree);

        for (int k = 1; k <= 2; k++) {
            PromptMessages before = ConversationPrompt.of(config).messages(new TurnRequest(refund, k));
            PromptMessages after = ConversationPrompt.of(edited).messages(new TurnRequest(refund, k));
            assertThat(after.key()).isNotEqualTo(before.key());
            assertThat(after.user()).isEqualTo(before.user());
            assertThat(after.system()).contains("their money back").doesNotContain("asks for a refund");
        }
    }

    @Test
    void theSchemaIsACopyCallersCannotChange() {
        ConversationPrompt prompt = ConversationPrompt.of(config);
        prompt.schema().put("type", "array");

        assertThat(prompt.schema().get("type").asText()).isEqualTo("object");
    }
}
