import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Ollama classifier against a local Ollama-compatible test server that answers every chat
 * after a fixed 50 ms (see bench/ollama.sh): requests per user turn, wall time against the ideal
 * requests x latency / concurrency, and a rerun from the cache.
 *
 * Usage: java -cp target/handoff.jar:target/lib/* bench/OllamaBench.java
 */
public class OllamaBench {

    static final int LATENCY_MS = 50;
    static final int CONCURRENCY = 8;
    static final int TRANSCRIPTS = 120;
    static final int USER_TURNS = 4;

    public static void main(String[] args) throws Exception {
        FakeOllama server = FakeOllama.start();
        StringBuilder md = new StringBuilder();
        md.append("Run: `bench/ollama.sh`. A JDK HttpServer on 127.0.0.1 answers `/api/tags`, `/api/show` and `/api/chat` ")
                .append("(a valid structured reply after a fixed ").append(LATENCY_MS).append(" ms); ")
                .append(TRANSCRIPTS).append(" conversations x ").append(USER_TURNS)
                .append(" user turns, classified turn by turn across all conversations (one batch per turn index, as replay does), ")
                .append("concurrency ").append(CONCURRENCY).append(".\n\n")
                .append("| configuration | criteria asked | user turns | chat requests | requests per turn | wall time | ideal (requests x 50 ms / 8) | ratio | CPU per request (client and test server) | rerun: chat requests |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        try {
            for (String file : List.of("guidelines/quickchat-support.yaml", "guidelines/plugit-sales.yaml")) {
                md.append(run(server, Path.of(file))).append('\n');
            }
        } finally {
            server.http.stop(0);
        }
        md.append("\nGoals: requests per turn exactly 1.0 whatever the number of criteria; ratio <= 1.15 at concurrency 8; "
                + "rerun 0 chat requests (the rerun still asks `/api/tags` once for the model's digest).\n");
        System.out.println(md); // bench/ollama.sh puts it into bench/RESULTS.md
    }

    static String run(FakeOllama server, Path configFile) throws Exception {
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(configFile));
        long criteria = config.activeCriteria().stream().filter(c -> !c.deterministic()).count();
        List<Transcript> transcripts = new ArrayList<>();
        for (int i = 0; i < TRANSCRIPTS; i++) {
            List<Message> m = new ArrayList<>();
            for (int k = 1; k <= USER_TURNS; k++) {
                m.add(new Message(Message.Role.USER, "conversation " + i + ", user message " + k + ": where is my parcel?", null, null));
                m.add(new Message(Message.Role.ASSISTANT, "Let me check that for you (" + i + "/" + k + ").", null, null));
            }
            transcripts.add(new Transcript("bench-" + i, JsonNodeFactory.instance.objectNode(), null, List.copyOf(m), null, null));
        }
        Path cache = Files.createTempDirectory("handoff-ollama-bench");
        ClassifierOptions options = new ClassifierOptions(cache, server.url(), "bench-model", CONCURRENCY,
                Duration.ofSeconds(30), true);
        server.chats.set(0);
        // the first call also looks up the digest and opens the cache: not part of the per-turn cost either
        long start;
        double cpu0;
        int turns = 0;
        try (Classifier c = factory().create(config, EvaluationSettings.NONE, options)) {
            warm(c);
            server.chats.set(0);
            cpu0 = cpuSeconds();
            start = System.nanoTime();
            for (int k = 1; k <= USER_TURNS; k++) {
                List<TurnRequest> batch = new ArrayList<>();
                for (Transcript t : transcripts) {
                    batch.add(new TurnRequest(t, k));
                }
                List<Verdict> v = c.classify(batch);
                turns += batch.size();
                if (v.stream().anyMatch(x -> x instanceof Verdict.Invalid)) {
                    throw new IllegalStateException("invalid verdicts from the test server");
                }
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        int requests = server.chats.get();
        double ideal = requests * LATENCY_MS / 1000.0 / CONCURRENCY;
        server.chats.set(0);
        try (Classifier c = factory().create(config, EvaluationSettings.NONE, options)) {
            for (int k = 1; k <= USER_TURNS; k++) {
                List<TurnRequest> batch = new ArrayList<>();
                for (Transcript t : transcripts) {
                    batch.add(new TurnRequest(t, k));
                }
                c.classify(batch);
            }
        }
        int rerun = server.chats.get();
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.2f | %.2f s | %.2f s | %.3f | %.1f ms | %d |", configFile, criteria,
                turns, requests, (double) requests / turns, wall, ideal, wall / ideal, 1000 * cpu / requests, rerun);
    }

    /** Steady state: the JIT has compiled the request path and the client holds its connections (not timed). */
    static void warm(Classifier c) {
        List<TurnRequest> batch = new ArrayList<>();
        for (int i = 0; i < 25 * CONCURRENCY; i++) {
            Transcript t = new Transcript("warm-" + i, JsonNodeFactory.instance.objectNode(), null,
                    List.of(new Message(Message.Role.USER, "warm-up " + i, null, null)), null, null);
            batch.add(new TurnRequest(t, 1));
        }
        c.classify(batch);
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static ClassifierFactory factory() {
        return ServiceLoader.load(ClassifierFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("ollama")).findFirst().orElseThrow();
    }

    /** Answers like Ollama 0.6: /api/tags, /api/show, and non-streaming /api/chat with the structured reply as content. */
    static final class FakeOllama {
        final HttpServer http;
        final AtomicInteger chats = new AtomicInteger();

        private FakeOllama(HttpServer http) {
            this.http = http;
        }

        static FakeOllama start() throws IOException {
            // without TCP_NODELAY the server's separate header and body writes meet the client's delayed ACK:
            // ~40 ms of test-server artefact on every reply
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            FakeOllama f = new FakeOllama(http);
            http.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-ollama");
                t.setDaemon(true);
                return t;
            }));
            http.createContext("/api/tags", ex -> send(ex, 200, "{\"models\":[{\"name\":\"bench-model:latest\",\"model\":\"bench-model:latest\","
                    + "\"modified_at\":\"2025-05-04T17:37:44.706015396-07:00\",\"size\":2019393189,"
                    + "\"digest\":\"0b2c3a9e8f1d4c5b6a7988776655443322110ffeeddccbbaa99887766554433\","
                    + "\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],"
                    + "\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"}}]}"));
            http.createContext("/api/show", ex -> send(ex, 200, "{\"modelfile\":\"FROM bench-model\",\"parameters\":\"\","
                    + "\"template\":\"{{ .Prompt }}\",\"details\":{\"parent_model\":\"\",\"format\":\"gguf\",\"family\":\"llama\","
                    + "\"families\":[\"llama\"],\"parameter_size\":\"3.2B\",\"quantization_level\":\"Q4_K_M\"},\"model_info\":{}}"));
            http.createContext("/api/chat", ex -> {
                long arrived = System.nanoTime();
                f.chats.incrementAndGet();
                JsonNode body = Yaml.json().readTree(ex.getRequestBody().readAllBytes());
                try {
                    // the answer leaves 50 ms after the request arrived, whatever the parsing took
                    long left = LATENCY_MS * 1_000_000L - (System.nanoTime() - arrived);
                    if (left > 0) {
                        Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ObjectNode reply = Yaml.json().createObjectNode();
                reply.putArray("criteria");
                if (body.path("format").path("properties").has("routing_profile")) {
                    reply.set("routing_profile", JsonNodeFactory.instance.textNode(
                            body.path("format").path("properties").path("routing_profile").path("anyOf").get(0).path("enum").get(0).asText()));
                }
                reply.put("rationale", "nothing to hand off yet");
                ObjectNode r = Yaml.json().createObjectNode();
                r.put("model", body.path("model").asText());
                r.put("created_at", "2025-09-19T12:30:00.123456Z");
                r.putObject("message").put("role", "assistant").put("content", reply.toString());
                r.put("done_reason", "stop");
                r.put("done", true);
                r.put("total_duration", LATENCY_MS * 1_000_000L);
                r.put("eval_count", 24);
                send(ex, 200, r.toString());
            });
            http.start();
            return f;
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        static void send(HttpExchange ex, int code, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }
}
