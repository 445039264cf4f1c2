package dev.handoff.classify.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a fake OpenAI-compatible server answers to a chat completion: a reply that follows the
 * handoff schema, decided by a few words of the user's latest message (a person, a refund), and
 * a {@code usage} block where the system message counts as cached once the server has seen it,
 * as prefix caching does. Shared by the MockWebServer tests and {@link OpenAiTestServer}.
 */
public final class FakeReplies {

    private final Set<String> seenSystems = ConcurrentHashMap.newKeySet();

    public String completion(JsonNode request) {
        JsonNode messages = request.path("messages");
        String system = messages.get(0).path("content").asText();
        String user = messages.get(messages.size() - 1).path("content").asText();
        String[] lines = user.strip().split("\n");
        String latest = lines[lines.length - 1].toLowerCase(Locale.ROOT);
        boolean routes = system.contains("Routing profiles");
        String criteria = "[]";
        String route = "null";
        String rationale = "nothing to hand off";
        if (latest.contains("person") || latest.contains("human")) {
            criteria = "[\"asks_for_human\"]";
            rationale = "the user asks for a person";
        } else if (latest.contains("money back") || latest.contains("refund")) {
            criteria = "[\"Refund requests\"]";
            route = "\"Billing\"";
            rationale = "the user wants a refund";
        }
        String content = "{\"criteria\":" + criteria + (routes ? ",\"routing_profile\":" + route : "")
                + ",\"rationale\":\"" + rationale + "\"}";
        long systemTokens = system.length() / 4;
        long promptTokens = systemTokens + user.length() / 4 + 8;
        long cached = seenSystems.add(system) ? 0 : systemTokens;
        ObjectNode reply = Yaml.json().createObjectNode();
        reply.put("id", "chatcmpl-fake");
        reply.put("object", "chat.completion");
        reply.put("model", request.path("model").asText());
        ObjectNode choice = reply.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        ObjectNode usage = reply.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", content.length() / 4);
        usage.put("total_tokens", promptTokens + content.length() / 4);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cached);
        return reply.toString();
    }

    /** What OpenAI answers to a model that does not take json_schema. */
    public static String refusesJsonSchema() {
        return "{\"error\":{\"message\":\"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"response_format\",\"code\":null}}";
    }

    public static String rateLimited() {
        return "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
    }
}
