package dev.handoff.classify.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.classify.llm.PromptMessage;
import dev.handoff.classify.llm.PromptMessages;
import dev.handoff.config.yaml.Yaml;

/**
 * The body of {@code POST /chat/completions} for one turn: the shared messages (stable system
 * message first, conversation last), temperature 0, a seed, a cap on reply tokens and the
 * output mode. What the server turned down earlier in the run ({@link Quirks}) is left out.
 */
final class ChatRequest {

    static final String SCHEMA_NAME = "handoff_decision";

    private ChatRequest() {
    }

    static String body(String model, PromptMessages messages, ConversationPrompt prompt, Quirks quirks) {
        ObjectNode body = Yaml.json().createObjectNode();
        body.put("model", model);
        ArrayNode list = body.putArray("messages");
        for (PromptMessage m : messages.messages()) {
            String content = m.content();
            if (quirks.mode() == OutputMode.JSON_OBJECT && m.role().equals("system")) {
                content = content + schemaInstruction(prompt);
            }
            list.addObject().put("role", m.role()).put("content", content);
        }
        body.put("temperature", OpenAiClassifier.TEMPERATURE);
        if (quirks.seed()) {
            body.put("seed", OpenAiClassifier.SEED);
        }
        body.put(quirks.maxTokensField(), OpenAiClassifier.MAX_REPLY_TOKENS);
        ObjectNode format = body.putObject("response_format");
        if (quirks.mode() == OutputMode.JSON_SCHEMA) {
            format.put("type", "json_schema");
            ObjectNode schema = format.putObject("json_schema");
            schema.put("name", SCHEMA_NAME);
            schema.put("strict", true);
            schema.set("schema", prompt.schema());
        } else {
            format.put("type", "json_object");
        }
        return json(body);
    }

    /** Appended to the system message in json_object mode: still part of the stable prefix. */
    static String schemaInstruction(ConversationPrompt prompt) {
        return "\n\nThe reply is one JSON object that follows this JSON schema:\n" + json(prompt.schema());
    }

    private static String json(Object node) {
        try {
            return Yaml.json().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
