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
    private volatile java.util.function.BinaryOperator<ObjectNode> writeAnswer = (sent, stored) -> stored;
    private volatile java.util.function.Consumer<RecordedRequest> beforeAnswer = r -> { };
    private volatile boolean etags;
    private volatile boolean echoOnWrite;
    private volatile boolean keepKeys;
    private final Map<String, MockResponse> answeredKeys = new java.util.HashMap<>();
    private int created;
    /** Per list, the highest id ever handed out: like a database sequence, a deleted id is never reused. */
    private final Map<String, Long> highestId = new java.util.HashMap<>();

    /** Quickchat lists whose items carry server-assigned integer ids. */
    private static final List<String> ID_LISTS = List.of("availability", "custom_guidelines", "routing_profiles");

    public FakeVendorServer(String... tokens) {
        this.tokens = java.util.Set.of(tokens);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (FakeVendorServer.this) {
                    requests.add(request);
                    beforeAnswer.accept(request);
                    MockResponse next = scripted.poll();
                    if (next == null && scriptedByMethod.containsKey(request.getMethod())) {
                        next = scriptedByMethod.get(request.getMethod()).poll();
                    }
                    if (next != null) {
                        return next;
                    }
                    String key = request.getHeaders().get("Idempotency-Key");
                    if (!keepKeys || key == null || request.getMethod().equals("GET")) {
                        return answer(request);
                    }
                    // as a server that honours keys: a key seen before gets its first answer again, and nothing is applied
                    return answeredKeys.computeIfAbsent(key, k -> answer(request));
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

    /** Deletes an agent, as someone in Plugit's app would; the Idempotency-Keys seen stay kept. */
    public synchronized FakeVendorServer removeAgent(String id) {
        agents.remove(id);
        return this;
    }

    /** What the server does to a document it stores (drop or rewrite a field). */
    public FakeVendorServer onStore(UnaryOperator<ObjectNode> transform) {
        this.onStore = transform;
        return this;
    }

    /**
     * What a write (PUT, PATCH) is answered with, from the request's body and the document stored: an echo of the request,
     * or the stored document with its secrets masked, as some APIs answer. The stored document by default.
     */
    public FakeVendorServer answerWrites(java.util.function.BinaryOperator<ObjectNode> answer) {
        this.writeAnswer = answer;
        return this;
    }

    /** Runs before each request is answered (under the server's lock): a colleague's dashboard edit, for example. */
    public FakeVendorServer beforeAnswer(java.util.function.Consumer<RecordedRequest> action) {
        this.beforeAnswer = action;
        return this;
    }

    /** Answers carry an {@code ETag} of the stored document, and a write whose {@code If-Match} differs gets 412. */
    public FakeVendorServer etags(boolean on) {
        this.etags = on;
        return this;
    }

    /**
     * Every write is refused with 400, and the answer echoes what the client sent: its
     * Authorization header and its whole body (webhook header values included). A careless
     * client prints them; ours must mask them.
     */
    public FakeVendorServer echoOnWrite(boolean on) {
        this.echoOnWrite = on;
        return this;
    }

    /** Answers a POST or PATCH whose Idempotency-Key it saw before with that request's answer, applying nothing. */
    public FakeVendorServer honourIdempotencyKeys(boolean on) {
        this.keepKeys = on;
        return this;
    }

    public static String etagOf(JsonNode doc) {
        return "\"" + Integer.toHexString(doc.toString().hashCode()) + "\"";
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
        if (echoOnWrite && !method.equals("GET")) {
            String sent = r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
            return json(400, Yaml.json().createObjectNode()
                    .put("detail", "rejected; you sent Authorization: " + auth)
                    .put("echo", sent));
        }
        if (path.equals(QUICKCHAT_PATH) && quickchat != null) {
            if (method.equals("PUT")) {
                if (preconditionFailed(r, quickchat)) {
                    return text(412, "application/json", "{\"detail\":\"Precondition failed\"}");
                }
                ObjectNode sent = (ObjectNode) body(r);
                String unknown = assignIds(sent);
                if (unknown != null) {
                    return text(400, "application/json", "{\"detail\":\"" + unknown + "\"}");
                }
                quickchat = onStore.apply(sent);
                return tagged(json(200, writeAnswer.apply((ObjectNode) body(r), quickchat.deepCopy())), quickchat);
            }
            return tagged(json(200, quickchat), quickchat);
        }
        if (path.startsWith("/v2/agents/") && method.equals("GET")) {
            ObjectNode agent = agents.get(path.substring("/v2/agents/".length()));
            return agent == null ? text(404, "application/json", "{\"message\":\"agent not found\"}") : tagged(json(200, agent), agent);
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
            if (preconditionFailed(r, agent)) {
                return text(412, "application/json", "{\"message\":\"Precondition failed\"}");
            }
            ObjectNode merged = agent.deepCopy();
            merged.setAll(patch);
            agents.put(merged.get("id").asText(), onStore.apply(merged));
            return json(200, writeAnswer.apply(patch, agents.get(merged.get("id").asText()).deepCopy()));
        }
        return text(404, "text/html", "<html><body>Not Found</body></html>");
    }

    private boolean preconditionFailed(RecordedRequest r, JsonNode current) {
        String ifMatch = r.getHeaders().get("If-Match");
        return etags && ifMatch != null && !ifMatch.equals(etagOf(current));
    }

    private MockResponse tagged(MockResponse response, JsonNode doc) {
        return etags ? response.newBuilder().addHeader("ETag", etagOf(doc)).build() : response;
    }

    /**
     * As the Quickchat server does: an item without id gets the next free one, an id the stored
     * document does not have is refused ("unknown id"). Returns the refusal, or null.
     */
    private String assignIds(ObjectNode sent) {
        for (String list : ID_LISTS) {
            java.util.Set<Long> known = new java.util.HashSet<>();
            long max = highestId.getOrDefault(list, 0L);
            for (JsonNode item : quickchat.path(list)) {
                if (item.hasNonNull("id")) {
                    known.add(item.get("id").asLong());
                    max = Math.max(max, item.get("id").asLong());
                }
            }
            int i = 0;
            for (JsonNode item : sent.path(list)) {
                if (item.hasNonNull("id") && !known.contains(item.get("id").asLong())) {
                    return list + "[" + i + "].id: unknown id " + item.get("id").asText();
                }
                i++;
            }
            for (JsonNode item : sent.path(list)) {
                if (item.isObject() && !item.hasNonNull("id")) {
                    ObjectNode o = (ObjectNode) item;
                    ObjectNode copy = o.deepCopy();
                    o.removeAll();
                    o.put("id", ++max);
                    copy.properties().forEach(e -> o.set(e.getKey(), e.getValue()));
                }
            }
            highestId.put(list, max);
        }
        return null;
    }

    @Override
    public void close() {
        server.close();
    }
}
