import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.classify.recorded.RecordedVerdict;
import dev.handoff.classify.recorded.VerdictFile;
import dev.handoff.classify.recorded.Verdicts;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.eval.ReplayEngine;
import dev.handoff.transcript.Message;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes N synthetic single-turn transcripts (JSONL) and, beside a copy of the example
 * configuration, a verdict file with one verdict for each of them, keyed exactly as replay keys
 * them; then times VerdictFile.read in this JVM, wall and CPU time (first read, with class
 * loading, and the best of five) and prints the file's size, bytes per verdict and gzip size. The shell script times the
 * end-to-end `replay --classifier recorded` over the same transcripts and the git weight.
 *
 * Usage: java -cp "target/handoff.jar:target/lib/*" bench/VerdictsBench.java DIR N
 */
public class VerdictsBench {

    /** Invented one-line rationales of the length models give (no dataset text). */
    static final String[] RATIONALES = {
            "The user only asks about opening hours; nothing calls for a person.",
            "The user explicitly asks to speak with a human agent.",
            "The user wants their money back for a damaged order.",
            "The user is clearly annoyed after two failed answers.",
            "A routine question the assistant can answer from the help pages.",
            "The user asks for a refund of a double charge on the invoice.",
            "No handoff: the user says thanks and ends the conversation.",
            "The user repeats that the bot is useless and wants someone real."};
    static final String[] CRITERIA = {"asks_for_human", "Refund requests", "user_frustration", "lack_of_knowledge"};

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(dir.resolve("guidelines"));
        Path config = dir.resolve("guidelines/quickchat-support.yaml");
        Files.copy(Path.of("guidelines/quickchat-support.yaml"), config, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HandoffConfig handoff = HandoffConfig.from(LocalConfig.read(config));
        ConversationPrompt prompt = ConversationPrompt.of(ReplayEngine.classifierView(handoff));
        java.util.Set<String> asked = new java.util.HashSet<>(prompt.criterionNames());
        List<String> fireable = Arrays.stream(CRITERIA).filter(asked::contains).toList();
        StringBuilder jsonl = new StringBuilder();
        List<RecordedVerdict> verdicts = new ArrayList<>(n);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < n; i++) {
            String text = "Question " + i + ": can you check order NW-" + (100000 + random.nextInt(900000)) + " for me?";
            jsonl.append("{\"id\":\"bench-").append(i).append("\",\"messages\":[{\"role\":\"user\",\"text\":\"").append(text)
                    .append("\"}],\"expect\":{\"handoff\":false}}\n");
            String key = prompt.messages(List.of(new Message(Message.Role.USER, text, null, null))).key();
            boolean fires = random.nextInt(5) == 0 && !fireable.isEmpty();
            List<String> fired = fires ? List.of(fireable.get(random.nextInt(fireable.size()))) : List.of();
            verdicts.add(new RecordedVerdict(key, "9ab41c02d7e1", fired, null, RATIONALES[random.nextInt(RATIONALES.length)], null,
                    "ollama", "llama3.1:8b", "sha256:46e0c10c039e019119339687c3c1757cc81b9da49709a3b3924863ba87ca666e", "2026-12-05"));
        }
        Files.writeString(dir.resolve("transcripts.jsonl"), jsonl);
        Path file = VerdictFile.pathFor(config);
        VerdictFile.write(file, Verdicts.of(verdicts));

        // CPU time of this thread as well as wall time: the bench machine is shared, wall time varies with its load
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        Verdicts first = VerdictFile.read(file);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        double firstCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long t = System.nanoTime();
            long c = cpu.getCurrentThreadCpuTime();
            VerdictFile.read(file);
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
            bestCpu = Math.min(bestCpu, (cpu.getCurrentThreadCpuTime() - c) / 1e6);
        }
        if (first.size() != n) {
            throw new IllegalStateException("read " + first.size() + " verdicts, wrote " + n);
        }
        long bytes = Files.size(file);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(Files.readAllBytes(file));
        }
        System.out.printf(java.util.Locale.ROOT, "%d|%.0f|%.0f|%.0f|%.0f|%d|%.0f|%d|%.0f%n", n, firstMs, firstCpu, best, bestCpu, bytes,
                (double) bytes / n, gz.size(), (double) gz.size() / n);
    }
}
