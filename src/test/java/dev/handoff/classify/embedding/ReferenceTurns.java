package dev.handoff.classify.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.classify.embedding.FitReferenceProbes.Turn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Build-time, for {@link FitReferenceProbes}: reads and embeds the LLM-labelled turns and the data sets' intent rows. */
final class ReferenceTurns {

    /** Each reference turn's intent (by item id), and the embedded data-set rows of those intents. */
    record Intents(Map<String, String> turnIntent, List<FitReferenceProbes.IntentRow> rows) {
    }

    private ReferenceTurns() {
    }

    /** The reference's turns, embedded, with their TUNE/REPORT part and cross-validation fold. */
    static List<Turn> read(Path file, EmbeddingOptions options, Embedder embed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                nodes.add(n);
                wanted.addAll(Texts.pieces(n.path("text").asText(), options.units()));
                for (JsonNode c : n.path("context")) {
                    if (c.path("role").asText().equals("user")) {
                        wanted.addAll(Texts.pieces(c.path("text").asText(), options.units()));
                    }
                }
            }
        }
        embed.all(List.copyOf(wanted));
        List<Turn> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            List<String> pieces = Texts.pieces(n.path("text").asText(), options.units());
            if (pieces.isEmpty()) {
                pieces = List.of(".");
            }
            List<float[]> current = embed.all(pieces);
            List<List<float[]>> earlier = new ArrayList<>();
            List<JsonNode> ctx = new ArrayList<>();
            n.path("context").forEach(ctx::add);
            for (int i = ctx.size() - 1; i >= 0 && earlier.size() < ReferenceProbes.CONTEXT_MESSAGES; i--) {
                if (ctx.get(i).path("role").asText().equals("user")) {
                    earlier.add(embed.all(Texts.pieces(ctx.get(i).path("text").asText(), options.units())));
                }
            }
            Set<String> fires = new LinkedHashSet<>();
            n.path("fires").forEach(f -> fires.add(f.asText()));
            String id = n.path("item").asText();
            byte[] h = ProbeFitting.sha1(id);
            boolean tune = (h[0] & 0xff) < 154; // the split of bench/Agreement.java
            out.add(new Turn(id, n.path("text").asText(), tune, (h[1] & 0xff) % FitReferenceProbes.FOLDS, ReferenceProbes.features(current, earlier), current, fires));
        }
        return out;
    }

    /**
     * The development data sets' rows whose intent has reference turns ({@link IntentRows}, up to {@code perIntent} an intent),
     * embedded, and each reference turn's intent.
     */
    static Intents intents(Path dataDir, List<Turn> turns, EmbeddingOptions options, Embedder embed, int perIntent)
            throws IOException {
        IntentRows data = IntentRows.read(dataDir);
        Map<String, String> intents = new java.util.HashMap<>();
        Set<String> items = new java.util.HashSet<>();
        Set<String> texts = new java.util.HashSet<>();
        for (Turn t : turns) {
            items.add(t.id());
            texts.add(Texts.normalize(t.text()));
            String intent = data.intentOf(t.id());
            if (intent != null) {
                intents.put(t.id(), intent);
            }
        }
        Set<String> seen = new java.util.HashSet<>(intents.values());
        List<IntentRows.DataRow> sample = data.sample(items, texts, perIntent).stream().filter(r -> seen.contains(r.intent())).toList();
        List<String> wanted = new ArrayList<>();
        for (IntentRows.DataRow r : sample) {
            wanted.addAll(Texts.pieces(r.text(), options.units()));
        }
        embed.all(wanted.stream().distinct().toList());
        List<FitReferenceProbes.IntentRow> out = new ArrayList<>();
        for (IntentRows.DataRow r : sample) {
            List<String> pieces = Texts.pieces(r.text(), options.units());
            if (!pieces.isEmpty()) {
                out.add(new FitReferenceProbes.IntentRow(ReferenceProbes.features(embed.all(pieces), List.of()), r.intent()));
            }
        }
        System.err.printf(Locale.ROOT, "intent rows: %d rows of %d intents (%d of %d reference turns have an intent)%n", out.size(),
                seen.size(), intents.size(), turns.size());
        return new Intents(intents, out);
    }

    /** Embeds normalized texts through the classifier's cache file, so a rerun embeds nothing. */
    static final class Embedder {
        private final EmbeddingCache cache;
        private final Map<String, float[]> local = new LinkedHashMap<>();

        Embedder(EmbeddingCache cache) {
            this.cache = cache;
        }

        float[] one(String key) {
            return all(List.of(key)).get(0);
        }

        List<float[]> all(List<String> keys) {
            Set<String> missing = new LinkedHashSet<>();
            for (String k : keys) {
                if (!local.containsKey(k)) {
                    float[] v = cache.get(k);
                    if (v != null) {
                        local.put(k, v);
                    } else {
                        missing.add(k);
                    }
                }
            }
            if (!missing.isEmpty()) {
                List<String> todo = List.copyOf(missing);
                List<float[]> vs = SentenceEncoder.shared().encode(todo);
                for (int i = 0; i < todo.size(); i++) {
                    local.put(todo.get(i), vs.get(i));
                    cache.put(todo.get(i), vs.get(i));
                }
            }
            return keys.stream().map(local::get).toList();
        }
    }
}
