import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * User turns per second through the embedded classifier, as replay calls it (turn k of every
 * conversation in one batch, k = 1, 2, ...), against the raw model's batched embedAll in the
 * same run (see bench/throughput.sh).
 *
 * Usage: java -cp target/handoff.jar:target/lib/* bench/Throughput.java DATA_DIR
 */
public class Throughput {

    static final int CHUNK = 256;
    static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        List<Transcript> dialogues = uss(data.resolve("uss/SGD.txt"));
        int turns = dialogues.stream().mapToInt(Transcript::userTurns).sum();
        int maxTurns = dialogues.stream().mapToInt(Transcript::userTurns).max().orElse(0);
        Set<String> distinct = new LinkedHashSet<>();
        for (Transcript t : dialogues) {
            for (Message m : t.messages()) {
                if (m.role() == Message.Role.USER) {
                    distinct.add(normalize(m.text()));
                }
            }
        }
        List<String> distinctTexts = new ArrayList<>(distinct);

        Path config = Path.of("guidelines/quickchat-support.yaml");
        HandoffConfig handoff = HandoffConfig.from(LocalConfig.read(config));
        EvaluationSettings settings = EvaluationSettings.forConfig(config);
        ClassifierFactory factory = ServiceLoader.load(ClassifierFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("embedding")).findFirst().orElseThrow();
        BgeSmallEnV15QuantizedEmbeddingModel raw = new BgeSmallEnV15QuantizedEmbeddingModel();
        raw.embedAll(List.of(TextSegment.from("warm up the raw model"), TextSegment.from("and its threads")));

        // each round: the raw model, the classifier, then replay, back to back, so a ratio compares runs that met the
        // same load; the figures are the median over the rounds, with the range
        Path jsonl = Path.of("target/bench-data/uss.jsonl");
        boolean withReplay = Files.isRegularFile(jsonl);
        double[] rawWall = new double[ROUNDS], rawCpu = new double[ROUNDS], e2eWall = new double[ROUNDS],
                e2eCpu = new double[ROUNDS], replayWall = new double[ROUNDS];
        String cacheLine = "";
        for (int round = 0; round < ROUNDS; round++) {
            double cpu0 = cpuSeconds();
            rawWall[round] = embedAll(raw, distinctTexts);
            rawCpu[round] = cpuSeconds() - cpu0;
            // a new classifier each round: empty cache, nothing on disk; the first call loads and trains (not timed)
            try (Classifier c = factory.create(handoff, settings, new ClassifierOptions(null, null, null, 1,
                    Duration.ofSeconds(30), true))) {
                c.classify(List.of(new TurnRequest(single("warm-up text that replay never sees"), 1)));
                double cpu1 = cpuSeconds();
                long start = System.nanoTime();
                for (int k = 1; k <= maxTurns; k++) {
                    List<TurnRequest> batch = new ArrayList<>();
                    for (Transcript t : dialogues) {
                        if (t.userTurns() >= k) {
                            batch.add(new TurnRequest(t, k));
                        }
                    }
                    c.classify(batch);
                }
                e2eWall[round] = (System.nanoTime() - start) / 1e9;
                e2eCpu[round] = cpuSeconds() - cpu1;
                cacheLine = c.statistics().get("cache");
            }
            if (withReplay) {
                // `handoff replay --all-turns` in this JVM (the model is loaded), empty cache directory each time
                Path cache = Files.createTempDirectory("handoff-throughput");
                long start = System.nanoTime();
                int code = replay(cache, jsonl);
                replayWall[round] = (System.nanoTime() - start) / 1e9;
                if (code != 0 && code != 1) {
                    throw new IllegalStateException("handoff replay exited with " + code);
                }
            }
        }
        double[] perMessage = new double[ROUNDS], perMessageCpu = new double[ROUNDS], perTurn = new double[ROUNDS],
                viaReplay = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            perMessage[r] = rawWall[r] / e2eWall[r];
            perMessageCpu[r] = rawCpu[r] / e2eCpu[r];
            perTurn[r] = (turns / e2eWall[r]) / (distinctTexts.size() / rawWall[r]);
            viaReplay[r] = withReplay ? (turns / replayWall[r]) / (distinctTexts.size() / rawWall[r]) : Double.NaN;
        }
        String md = String.format(Locale.ROOT, """
                Run: `bench/throughput.sh` (USS SGD dialogues from %s: %d conversations, %d user turns, %d distinct user \
                messages; %d rounds, each running the raw model, the classifier as replay calls it (turn k of every \
                conversation in one batch) and `handoff replay`, back to back; figures are medians over the rounds with \
                the range; load average at the end %.1f on %d cores shared with other work).

                | measure | median (range) |
                |---|---|
                | raw `embedAll` (batches of %d) on the %d distinct user messages | %s messages/s |
                | classifier end to end (7 criteria scored, route picked) on all %d turns, empty cache | %s turns/s |
                | `handoff replay --all-turns target/bench-data/uss.jsonl` in process (reading, rules, classifier, scoring, report), empty cache | %s turns/s |
                | **ratio per distinct message (no credit for repeated messages): raw time / classifier time** | **%s** |
                | same, process CPU time instead of wall time | %s |
                | ratio per turn: classifier turns/s / raw messages/s | %s |
                | **ratio through replay: replay turns/s / raw messages/s** | **%s** |

                Goal: >= 0.8. The classifier embeds each message sentence by sentence (README, classifiers): more texts \
                than the raw run but shorter ones (its cache after a run, counting the evaluation settings' phrases too: \
                %s). Per turn it adds the probes' dot products and the router's similarities. Replay adds reading, the \
                rules, scoring and the report, and asks in smaller batches (its window).
                """, data, dialogues.size(), turns, distinctTexts.size(), ROUNDS,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), CHUNK, distinctTexts.size(),
                stat(rate(distinctTexts.size(), rawWall), "%.0f"), turns, stat(rate(turns, e2eWall), "%.0f"),
                withReplay ? stat(rate(turns, replayWall), "%.0f") : "(run bench/prepare-data.sh first)",
                stat(perMessage, "%.2f"), stat(perMessageCpu, "%.2f"), stat(perTurn, "%.2f"),
                withReplay ? stat(viaReplay, "%.2f") : "-", cacheLine.replaceAll(", (kept|not kept).*", ""));
        System.out.println(md); // bench/throughput.sh puts it into bench/RESULTS.md
    }

    /** {@code handoff replay} in this JVM, its caches in {@code cacheHome}, output discarded; the exit code. */
    static int replay(Path cacheHome, Path jsonl) {
        java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cacheHome.toString(), "NO_COLOR", "1");
        dev.handoff.config.UserDirs dirs = dev.handoff.config.UserDirs.from(env, cacheHome);
        dev.handoff.cli.CliContext context = new dev.handoff.cli.CliContext(env, dirs, Path.of("").toAbsolutePath(),
                java.io.InputStream.nullInputStream(), false);
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        return dev.handoff.cli.Cli.create(context, sink, sink).execute("replay", "--config", "guidelines/quickchat-support.yaml",
                "--all-turns", "--classifier", "embedding", jsonl.toString());
    }

    static double[] rate(int count, double[] seconds) {
        double[] out = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = count / seconds[i];
        }
        return out;
    }

    /** "median (min-max)". */
    static String stat(double[] values, String format) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, format + " (" + format + "-" + format + ")", median, v[0], v[v.length - 1]);
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static double embedAll(BgeSmallEnV15QuantizedEmbeddingModel model, List<String> texts) {
        long start = System.nanoTime();
        for (int from = 0; from < texts.size(); from += CHUNK) {
            List<TextSegment> segments = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + CHUNK))) {
                segments.add(TextSegment.from(t));
            }
            model.embedAll(segments);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    static Transcript single(String text) {
        return new Transcript("warm", JsonNodeFactory.instance.objectNode(), null,
                List.of(new Message(Message.Role.USER, text, null, null)), null, null);
    }

    static List<Transcript> uss(Path file) throws IOException {
        List<Transcript> out = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.add("");
        for (String line : lines) {
            if (line.isBlank()) {
                if (!messages.isEmpty()) {
                    out.add(new Transcript("uss-" + out.size(), JsonNodeFactory.instance.objectNode(), null,
                            List.copyOf(messages), null, null));
                }
                messages.clear();
                continue;
            }
            String[] p = line.split("\t", -1);
            if (p[0].equals("USER") && !p[1].equals("OVERALL")) {
                messages.add(new Message(Message.Role.USER, p[1], null, null));
            } else if (p[0].equals("SYSTEM")) {
                messages.add(new Message(Message.Role.ASSISTANT, p[1], null, null));
            }
        }
        return out;
    }
}
