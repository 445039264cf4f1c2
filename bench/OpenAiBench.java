import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.ChatServer;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.openai.OpenAiTestServer;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The openai classifier against the OpenAI-compatible test server of src/test
 * (dev.handoff.classify.openai.OpenAiTestServer), every answer 50 ms after its request arrived:
 * requests per turn, wall time against the ideal requests x latency / concurrency, a rerun, a
 * rerun after editing one criterion's wording, and the same run with 429 to one request in five.
 *
 * Usage: java -cp "target/handoff.jar:target/lib/*:target/test-classes" bench/OpenAiBench.java
 */
public class OpenAiBench {

    static final int LATENCY_MS = 50;
    static final int CONCURRENCY = 8;
    static final int TRANSCRIPTS = 120;
    static final int USER_TURNS = 4;
    static final int RUNS = 3;
    static final Path CONFIG = Path.of("guidelines/quickchat-support.yaml");

    public static void main(String[] args) throws Exception {
        LocalConfig local = LocalConfig.read(CONFIG);
        HandoffConfig config = HandoffConfig.from(local);
        ObjectNode edited = local.document().deepCopy();
        ObjectNode first = (ObjectNode) edited.path("custom_guidelines").get(0);
        first.put("description", first.path("description").asText() + " A request for a callback counts too.");
        HandoffConfig editedConfig = HandoffConfig.from(local.provider(), edited);
        List<Transcript> transcripts = transcripts();
        int turns = TRANSCRIPTS * USER_TURNS;

        Run plain;
        Run rerun;
        Run afterEdit;
        Run limited;
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double cpu0 = cpuSeconds();
        try (OpenAiTestServer server = new OpenAiTestServer(0, LATENCY_MS, 0, true, null)) {
            Path cache = Files.createTempDirectory("handoff-openai-bench");
            plain = run(server, config, transcripts, cache);
            rerun = run(server, config, transcripts, cache);
            afterEdit = run(server, editedConfig, transcripts, cache);
            // best of RUNS on fresh caches, alternating, for the two timed comparisons: a shared machine is noisy
            server.rateLimitEvery(5);
            limited = run(server, config, transcripts, Files.createTempDirectory("handoff-openai-bench-429"));
            for (int i = 1; i < RUNS; i++) {
                server.rateLimitEvery(0);
                Run p = run(server, config, transcripts, Files.createTempDirectory("handoff-openai-bench"));
                plain = p.wall < plain.wall ? p : plain;
                server.rateLimitEvery(5);
                Run l = run(server, config, transcripts, Files.createTempDirectory("handoff-openai-bench-429"));
                limited = l.wall < limited.wall ? l : limited;
            }
        }
        double cpu = cpuSeconds() - cpu0;
        double ideal = plain.chats * LATENCY_MS / 1000.0 / CONCURRENCY;
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        StringBuilder md = new StringBuilder();
        md.append("Run: `bench/openai.sh` (").append(java.time.LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
                .append(String.format(Locale.ROOT, "%.1f before, %.1f after", loadBefore, load)).append("). The test server of src/test ")
                .append("(`OpenAiTestServer`, a JDK HttpServer on 127.0.0.1) answers `POST /v1/chat/completions` ")
                .append(LATENCY_MS).append(" ms after each request arrived, 429s included; `").append(CONFIG).append("` (")
                .append(config.activeCriteria().stream().filter(c -> !c.deterministic()).count()).append(" criteria asked), ")
                .append(TRANSCRIPTS).append(" synthetic conversations x ").append(USER_TURNS)
                .append(" user turns classified one batch per turn index as replay does, concurrency ").append(CONCURRENCY)
                .append(", after an untimed warm-up; the two timed runs are the best of " + RUNS + " on fresh caches. "
                        + "Nothing was tuned on these figures except the limiter's one-second calm period.\n\n")
                .append("| measure | value | goal |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| requests per turn | %.2f (%d requests, %d turns) | 1.00 |%n", (double) plain.chats / turns, plain.chats, turns));
        md.append(String.format(Locale.ROOT, "| wall time / ideal (requests x 50 ms / 8) | %.2f s / %.2f s = %.3f | <= 1.15 |%n", plain.wall, ideal, plain.wall / ideal));
        md.append(String.format(Locale.ROOT, "| rerun: requests | %d | 0 |%n", rerun.chats));
        md.append(String.format(Locale.ROOT, "| one criterion's wording edited: requests per replayed turn | %.2f (%d requests) | 1.00 |%n",
                (double) afterEdit.chats / turns, afterEdit.chats));
        md.append(String.format(Locale.ROOT, "| 429 to one request in five: wall time / without | %.2f s / %.2f s = %.3f (%s 429s, every turn answered: %s) | < 1.5 |%n",
                limited.wall, plain.wall, limited.wall / plain.wall, limited.stats.get("rate limited").split(" ")[0], limited.invalid == 0 ? "yes" : "no, " + limited.invalid + " invalid"));
        md.append(String.format(Locale.ROOT, "| 429 run: lowest concurrency the limiter went down to | %d of %d | |%n", limited.lowest, CONCURRENCY));
        md.append(String.format(Locale.ROOT, "| cached prompt tokens (fake prefix cache: the system message once seen) | %s | |%n", plain.stats.get("cached tokens")));
        md.append(String.format(Locale.ROOT, "| CPU per request, client and test server together | %.1f ms | |%n", 1000 * cpu / totalRequests));
        System.out.println(md);
    }

    record Run(long chats, double wall, Map<String, String> stats, long invalid, int lowest) {
    }

    static Run run(OpenAiTestServer server, HandoffConfig config, List<Transcript> transcripts, Path cache) {
        ClassifierOptions options = new ClassifierOptions(cache, null, "bench-model", CONCURRENCY, Duration.ofSeconds(30), true,
                new ChatServer(server.baseUrl(), null, null, null, null));
        try (Classifier c = factory().create(config, EvaluationSettings.NONE, options)) {
            warm(c);
            long chats0 = server.chats.get() + server.rateLimited.get();
            long start = System.nanoTime();
            long invalid = 0;
            for (int k = 1; k <= USER_TURNS; k++) {
                List<TurnRequest> batch = new ArrayList<>();
                for (Transcript t : transcripts) {
                    batch.add(new TurnRequest(t, k));
                }
                invalid += c.classify(batch).stream().filter(v -> v instanceof Verdict.Invalid).count();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            long chats = server.chats.get() + server.rateLimited.get() - chats0;
            totalRequests = server.chats.get() + server.rateLimited.get();
            Map<String, String> st = c.statistics();
            String rl = st.get("rate limited");
            int lowest = rl.contains("down to ") ? Integer.parseInt(rl.replaceAll(".*down to (\\d+).*", "$1")) : CONCURRENCY;
            return new Run(chats, wall, st, invalid, lowest);
        }
    }

    static long totalRequests;

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static List<Transcript> transcripts() {
        List<Transcript> out = new ArrayList<>();
        for (int i = 0; i < TRANSCRIPTS; i++) {
            List<Message> m = new ArrayList<>();
            for (int k = 1; k <= USER_TURNS; k++) {
                m.add(new Message(Message.Role.USER, "conversation " + i + ", user message " + k + ": where is my parcel?", null, null));
                m.add(new Message(Message.Role.ASSISTANT, "Let me check that for you (" + i + "/" + k + ").", null, null));
            }
            out.add(new Transcript("bench-" + i, JsonNodeFactory.instance.objectNode(), null, List.copyOf(m), null, null));
        }
        return out;
    }

    /** Steady state: the JIT has compiled the request path and the client holds its connections (not timed; cached on reruns). */
    static void warm(Classifier c) {
        List<TurnRequest> batch = new ArrayList<>();
        for (int i = 0; i < 25 * CONCURRENCY; i++) {
            Transcript t = new Transcript("warm-" + i, JsonNodeFactory.instance.objectNode(), null,
                    List.of(new Message(Message.Role.USER, "warm-up " + i, null, null)), null, null);
            batch.add(new TurnRequest(t, 1));
        }
        c.classify(batch);
    }

    static ClassifierFactory factory() {
        return ServiceLoader.load(ClassifierFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("openai")).findFirst().orElseThrow();
    }
}
