package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Quickchat and Plugit stand-in on 127.0.0.1 that keeps state: GET answers the stored document,
 * PUT/PATCH/POST change it, as the vendors document. Scripted answers ({@link #enqueue}) come first,
 * for errors and broken connections.
 */
public final class FakeVendorServer implements AutoCloseable {

    public static final String QUICKCHAT_PATH = "/v1/api/human_handoff/configuration";

    private final MockWebServer server = new MockWebServer();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();
    private final Map<String, Deque<MockResponse>> scriptedByMethod = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, ObjectNode> agents = new LinkedHashMap<>();
    private final java.util.Set<String> tokens;
    private volatile ObjectNode quickchat;
    private volatile UnaryOperator<ObjectNode> onStore = UnaryOperator.identity();
    private int created;

    public FakeVendorServer(String... tokens) {
        this.tokens = java.util.Set.of(tokens);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (FakeVendorServer.this) {
                    requests.add(request);
                    MockResponse next = scripted.poll();
                    if (next == null && scriptedByMethod.containsKey(request.getMethod())) {
                        next = scriptedByMethod.get(request.getMethod()).poll();
                    }
                    return next != null ? next : answer(request);
                }
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public FakeVendorServer quickchat(JsonNode doc) {
        this.quickchat = (ObjectNode) doc.deepCopy();
        return this;
    }

    public ObjectNode quickchat() {
        return quickchat;
    }

    public FakeVendorServer agent(JsonNode doc) {
        agents.put(doc.get("id").asText(), (ObjectNode) doc.deepCopy());
        return this;
    }

    public ObjectNode agent(String id) {
        return agents.get(id);
    }

    /** What the server does to a document it stores (drop or rewrite a field). */
    public FakeVendorServer onStore(UnaryOperator<ObjectNode> transform) {
        this.onStore = transform;
        return this;
    }

    public synchronized FakeVendorServer enqueue(MockResponse response) {
        scripted.add(response);
        return this;
    }

    /** A scripted answer for the next request with this method only. */
    public synchronized FakeVendorServer enqueue(String method, MockResponse response) {
        scriptedByMethod.computeIfAbsent(method, m -> new ArrayDeque<>()).add(response);
        return this;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<String> methods() {
        return requests().stream().map(RecordedRequest::getMethod).toList();
    }

    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(r -> r.getMethod().equals(method)).toList();
    }

    public static JsonNode body(RecordedRequest r) {
        try {
            return Yaml.json().readTree(r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    public static MockResponse text(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    private MockResponse answer(RecordedRequest r) {
        String auth = r.getHeaders().get("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            return text(401, "application/json", "{\"detail\":\"Invalid token.\"}");
        }
        String path = r.getUrl().encodedPath();
        String method = r.getMethod();
        if (path.equals(QUICKCHAT_PATH) && quickchat != null) {
            if (method.equals("PUT")) {
                quickchat = onStore.apply((ObjectNode) body(r));
            }
            return json(200, quickchat);
        }
        if (path.startsWith("/v2/agents/") && method.equals("GET")) {
            ObjectNode agent = agents.get(path.substring("/v2/agents/".length()));
            return agent == null ? text(404, "application/json", "{\"message\":\"agent not found\"}") : json(200, agent);
        }
        if (path.equals("/v2/agents") && method.equals("POST")) {
            ObjectNode agent = (ObjectNode) body(r);
            String id = "agt_new_" + (++created);
            ObjectNode stored = agent.objectNode().put("id", id);
            stored.setAll(agent);
            agents.put(id, onStore.apply(stored));
            return json(201, agents.get(id));
        }
        if (path.equals("/v2/agents") && method.equals("PATCH")) {
            ObjectNode patch = (ObjectNode) body(r);
            ObjectNode agent = agents.get(patch.path("id").asText());
            if (agent == null) {
                return text(404, "application/json", "{\"message\":\"agent not found\"}");
            }
            ObjectNode merged = agent.deepCopy();
            merged.setAll(patch);
            agents.put(merged.get("id").asText(), onStore.apply(merged));
            return json(200, agents.get(merged.get("id").asText()));
        }
        return text(404, "text/html", "<html><body>Not Found</body></html>");
    }

    @Override
    public void close() {
        server.close();
    }
}
