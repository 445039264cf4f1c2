package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Ollama (and an OpenAI-compatible server under /v1) on 127.0.0.1 for recording tests: lists one model and answers each chat
 * from the user's latest line, within the schema. {@link #answers} overrides a reply by a word
 * of the latest line; "furious" fires user_frustration only while the criterion's wording says
 * "angry", so a wording change changes a verdict.
 */
final class FakeLlmServer extends Dispatcher implements AutoCloseable {

    static final String MODEL = "llama3.2";
    static final String DIGEST = "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72";

    final MockWebServer server = new MockWebServer();
    final AtomicInteger chats = new AtomicInteger();
    final Map<String, String> answers = new ConcurrentHashMap<>();
    /** When set, a chat it holds for (system prompt, latest line) is answered with text that is not JSON (a broken wording). */
    volatile java.util.function.BiPredicate<String, String> notJsonWhen;

    FakeLlmServer() {
        server.setDispatcher(this);
        try {
            server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return server.url("/").toString();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/api/tags")) {
            return json("{\"models\":[{\"name\":\"" + MODEL + ":latest\",\"model\":\"" + MODEL + ":latest\",\"digest\":\"" + DIGEST + "\"}]}");
        }
        if (path.endsWith("/chat/completions")) {
            chats.incrementAndGet();
            try {
                JsonNode body = Yaml.json().readTree(request.getBody().utf8());
                String system = body.path("messages").get(0).path("content").asText();
                String[] lines = body.path("messages").get(1).path("content").asText().strip().split("\n");
                ObjectNode r = Yaml.json().createObjectNode();
                r.put("id", "chatcmpl-fake");
                r.put("object", "chat.completion");
                r.put("model", body.path("model").asText());
                ObjectNode choice = r.putArray("choices").addObject();
                choice.put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", reply(system, lines[lines.length - 1]));
                choice.put("finish_reason", "stop");
                r.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 10).put("total_tokens", 110);
                return json(r.toString());
            } catch (IOException e) {
                return new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad request\"}}").build();
            }
        }
        if (path.equals("/api/chat")) {
            chats.incrementAndGet();
            try {
                JsonNode body = Yaml.json().readTree(request.getBody().utf8());
                String system = body.path("messages").get(0).path("content").asText();
                String[] lines = body.path("messages").get(1).path("content").asText().strip().split("\n");
                return chat(reply(system, lines[lines.length - 1]));
            } catch (IOException e) {
                return new MockResponse.Builder().code(400).body("{\"error\":\"bad request\"}").build();
            }
        }
        return new MockResponse.Builder().code(404).body("404 page not found").build();
    }

    private String reply(String system, String last) {
        if (notJsonWhen != null && notJsonWhen.test(system, last)) {
            return "Sure! Here is my answer: the user wants";
        }
        for (var e : answers.entrySet()) {
            if (last.contains(e.getKey())) {
                return e.getValue();
            }
        }
        if (last.contains("thanks") && system.contains("thanks us")) {
            return "{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"reads thanks as a request\"}";
        }
        if (last.contains("person")) {
            return "{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"asks for a person\"}";
        }
        if (last.contains("money back")) {
            return "{\"criteria\": [\"Refund requests\"], \"routing_profile\": \"Billing\", \"rationale\": \"wants a refund\"}";
        }
        if (last.contains("furious") && system.contains("angry")) {
            return "{\"criteria\": [\"user_frustration\"], \"routing_profile\": null, \"rationale\": \"the user is angry\"}";
        }
        return "{\"criteria\": [], \"routing_profile\": null, \"rationale\": \"nothing to hand off\"}";
    }

    private static MockResponse chat(String content) {
        ObjectNode r = Yaml.json().createObjectNode();
        r.put("model", MODEL);
        r.put("created_at", "2025-05-04T17:37:44Z");
        r.putObject("message").put("role", "assistant").put("content", content);
        r.put("done", true);
        r.put("done_reason", "stop");
        return json(r.toString());
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
