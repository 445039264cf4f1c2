import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierFactory;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Agreement of the embedded classifier with an LLM's labels of the example configuration's criteria
 * (../shared/data/llm-reference, see its README), on the REPORT part of a split by a hash of the item
 * id (TUNE: 60%, REPORT: 40%). See bench/agreement.sh.
 *
 * Usage: java -cp target/handoff.jar:target/lib/* bench/Agreement.java TURNS_JSONL [REFERENCE_PROBES|builtin|none] [LABEL]
 */
public class Agreement {

    static final Path CONFIG = Path.of("guidelines/quickchat-support.yaml");
    /** The criteria the reference labels (lack_of_knowledge needs a knowledge base; media_message is a rule). */
    static final List<String> LABELLED = List.of("user_frustration", "customer_support_suggestion", "irrelevant_advice",
            "asks_for_human", "Legal or safety threat", "Refund requests");

    record Item(String id, String part, Transcript transcript, Set<String> fires) {
    }

    /** TUNE or REPORT, by the first byte of the SHA-1 of the item id: 0-152 TUNE (60%), the rest REPORT. */
    static String part(String item) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(item.getBytes(StandardCharsets.UTF_8));
            return (h[0] & 0xff) < 154 ? "TUNE" : "REPORT";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path turns = Path.of(args[0]);
        String probes = args.length > 1 ? args[1] : "builtin";
        String label = args.length > 2 ? args[2] : "today's classifier";
        ObjectMapper json = new ObjectMapper();
        List<Item> items = new ArrayList<>();
        for (String line : Files.readAllLines(turns, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<Message> messages = new ArrayList<>();
            for (JsonNode c : n.path("context")) {
                messages.add(new Message(c.path("role").asText().equals("user") ? Message.Role.USER : Message.Role.ASSISTANT,
                        c.path("text").asText(), null, null));
            }
            messages.add(new Message(Message.Role.USER, n.path("text").asText(), null, null));
            Set<String> fires = new LinkedHashSet<>();
            n.path("fires").forEach(f -> fires.add(f.asText()));
            String id = n.path("item").asText();
            items.add(new Item(id, part(id), new Transcript(id, JsonNodeFactory.instance.objectNode(), null, List.copyOf(messages),
                    null, SourceLocation.of(turns)), fires));
        }
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(CONFIG));
        EvaluationSettings settings = EvaluationSettings.forConfig(CONFIG);
        List<Set<String>> got = new ArrayList<>();
        long t0 = System.nanoTime();
        try (Classifier c = create(config, settings, Path.of("target/bench-cache"), probes)) {
            List<TurnRequest> requests = items.stream().map(i -> new TurnRequest(i.transcript, i.transcript.userTurns())).toList();
            for (Verdict v : c.classify(requests)) {
                Set<String> f = new LinkedHashSet<>(((Verdict.Decision) v).fired());
                f.retainAll(LABELLED);
                got.add(f);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder md = new StringBuilder();
        md.append("Classifier: ").append(label).append(".\n\n");
        for (String part : List.of("REPORT", "TUNE")) {
            md.append(table(items, got, part));
        }
        md.append(String.format(Locale.ROOT, "%nWall time %.0f s for %d turns.%n", secs, items.size()));
        System.out.println(md);
    }

    static String table(List<Item> items, List<Set<String>> got, String part) {
        int n = 0;
        int exact = 0;
        int never = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int quiet = 0;
        int[] ref = new int[LABELLED.size()];
        int[] fired = new int[LABELLED.size()];
        int[] ctp = new int[LABELLED.size()];
        int[] onQuiet = new int[LABELLED.size()];
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (!it.part.equals(part)) {
                continue;
            }
            n++;
            Set<String> want = new LinkedHashSet<>(it.fires);
            want.retainAll(LABELLED);
            Set<String> g = got.get(i);
            exact += want.equals(g) ? 1 : 0;
            never += want.isEmpty() ? 1 : 0;
            quiet += want.isEmpty() ? 1 : 0;
            for (int k = 0; k < LABELLED.size(); k++) {
                String c = LABELLED.get(k);
                boolean w = want.contains(c);
                boolean x = g.contains(c);
                ref[k] += w ? 1 : 0;
                fired[k] += x ? 1 : 0;
                ctp[k] += w && x ? 1 : 0;
                onQuiet[k] += want.isEmpty() && x ? 1 : 0;
                tp += w && x ? 1 : 0;
                fp += !w && x ? 1 : 0;
                fn += w && !x ? 1 : 0;
            }
        }
        StringBuilder md = new StringBuilder();
        double microF1 = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
        md.append(String.format(Locale.ROOT, "%n### %s part: %d turns%n%n", part, n));
        md.append(String.format(Locale.ROOT, "micro-F1 %.3f (TP %d, FP %d, FN %d); exact per-turn agreement %.1f%% (never firing: %.1f%%); "
                + "%d turns where the reference fires nothing.%n%n", microF1, tp, fp, fn, 100.0 * exact / n, 100.0 * never / n, quiet));
        md.append("| criterion | reference fires | classifier fires | rate ratio | TP | precision | recall | F1 | fires where the reference fires nothing |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < LABELLED.size(); k++) {
            double p = fired[k] == 0 ? Double.NaN : (double) ctp[k] / fired[k];
            double r = ref[k] == 0 ? Double.NaN : (double) ctp[k] / ref[k];
            double f1 = ref[k] + fired[k] == 0 ? Double.NaN : 2.0 * ctp[k] / (ref[k] + fired[k]);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %s | %s | %s | %d (%.1f%%) |%n", LABELLED.get(k), ref[k], fired[k],
                    ref[k] == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", (double) fired[k] / ref[k]), ctp[k], fmt(p), fmt(r), fmt(f1),
                    onQuiet[k], 100.0 * onQuiet[k] / Math.max(1, quiet)));
        }
        return md.toString();
    }

    static String fmt(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
    }

    static Classifier create(HandoffConfig config, EvaluationSettings settings, Path cache, String probes) {
        ObjectNode options = settings.classifierOptions() == null ? JsonNodeFactory.instance.objectNode() : settings.classifierOptions().deepCopy();
        ObjectNode emb = options.has("embedding") ? (ObjectNode) options.get("embedding") : options.putObject("embedding");
        emb.put("cache_entries", 200_000);
        if (!probes.equals("builtin")) {
            emb.put("reference_probes", probes);
        }
        settings = new EvaluationSettings(settings.file(), settings.defaultGate(), settings.criteria(),
                settings.routingExamples(), options);
        ClassifierFactory f = ServiceLoader.load(ClassifierFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("embedding")).findFirst().orElseThrow();
        return f.create(config, settings, new ClassifierOptions(cache, null, null, 1, Duration.ofSeconds(30), true));
    }
}
