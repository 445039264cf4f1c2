package dev.handoff.classify.embedding;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.Criterion;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.RoutingProfile;
import dev.handoff.transcript.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The offline stand-in for the vendor's model: each user turn is embedded with a small
 * sentence-embedding model and every asked criterion scores it with a probe learned, when the
 * classifier first runs, from the example phrases in the evaluation settings (see README,
 * section "classifiers", for what this can and cannot tell).
 */
final class EmbeddingClassifier implements Classifier {

    /** Texts handed to the model at once; the model spreads each call over its threads. */
    private static final int EMBED_CHUNK = 256;

    private final HandoffConfig config;
    private final List<Criterion> asked;
    private final List<RoutingProfile> profiles;
    private final EvaluationSettings settings;
    private final EmbeddingOptions options;
    private final EmbeddingCache cache;
    private final Path cacheFile;
    private final AtomicLong turns = new AtomicLong();
    private final AtomicLong embedded = new AtomicLong();

    private volatile Model model;

    /**
     * What is built on first use: the shared encoder, the probes and the router.
     *
     * @param training what was learned from the evaluation settings' training turns, or null without any
     */
    private record Model(SentenceEncoder encoder, List<CriterionScorer> scorers, Router router, OwnTraining.Result training) {
    }

    EmbeddingClassifier(HandoffConfig config, EvaluationSettings settings, ClassifierOptions options) {
        this.config = config;
        this.asked = config.activeCriteria().stream().filter(c -> !c.deterministic()).toList();
        this.profiles = config.activeRoutingProfiles();
        this.settings = settings;
        this.options = EmbeddingOptions.from(settings);
        this.cache = new EmbeddingCache(Math.max(1, this.options.cacheEntries()), SentenceEncoder.MODEL_ID, SentenceEncoder.DIMENSION);
        this.cacheFile = options != null && options.cacheDir() != null && this.options.diskCache()
                ? options.cacheDir().resolve("embedding").resolve(SentenceEncoder.MODEL_ID + ".cache")
                : null;
        if (cacheFile != null && options.useCache()) {
            cache.load(cacheFile);
        }
    }

    @Override
    public String id() {
        return EmbeddingClassifierFactory.ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("model", SentenceEncoder.MODEL_NAME);
        d.put("method", "each sentence of the message embedded; per-criterion logistic probe, fitted at load time on the example phrases, "
                + "counter-examples and neutral phrases of the evaluation settings (counter-examples and the description's exclusions "
                + "carry " + Math.round(options.counterShare() * 100) + "% of the negatives' weight); similarity to the description for "
                + "criteria with fewer than " + Training.MIN_EXAMPLES + " examples; a criterion whose exact description has a "
                + "reference probe (fitted offline on an LLM's labels, see docs/embedded-classifier.md) is scored by both, blended");
        // the cross-validated figures are the point of training: fit now if no turn was classified yet
        Model m = options.training() != null ? ready() : model;
        if (m != null) {
            for (CriterionScorer s : m.scorers()) {
                d.put("criterion." + s.name(), s.describe());
            }
        } else {
            for (Criterion c : asked) {
                d.put("criterion." + c.name(), "threshold " + Training.threshold(settings, c.name())
                        + (settings.criterion(c.name()).examples().size() >= Training.MIN_EXAMPLES ? ", logistic probe" : ", similarity to description"));
            }
        }
        if (m != null && m.training() != null) {
            d.putAll(m.training().describe());
            if (!replayedTraining.isEmpty()) {
                // the docs said so; the report did not: the table then replays the training labels
                d.put("warning", replayedTraining.size() + (replayedTraining.size() == 1 ? " replayed transcript is" : " replayed transcripts are")
                        + " also in the classifier's training data: the probe was fitted on their own labels, so the table is"
                        + " optimistic for them; read the cross-validated figures under 'Classifier training'");
            }
        }
        d.put("context_turns", Integer.toString(options.contextTurns()));
        d.put("routing", profiles.isEmpty() ? "no active routing profiles"
                : "most similar profile over the last " + options.routingTurns() + " user messages (minimum similarity "
                + options.routingMinSimilarity() + ")");
        // no absolute path: reports and baselines get committed, a home directory names its user
        d.put("cache", cacheFile == null ? "not kept on disk" : "kept on disk in the cache directory (embedding/" + cacheFile.getFileName() + ")");
        return d;
    }

    /** Replayed transcripts that are also training transcripts, for the report's warning. */
    private final Set<String> replayedTraining = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> statistics() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("turns", Long.toString(turns.get()));
        s.put("cache", String.format(Locale.ROOT, "%d hits, %d misses, %d embedded, %d loaded from disk",
                cache.hits(), cache.misses(), embedded.get(), cache.loadedFromDisk()));
        return s;
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> requests) {
        if (asked.isEmpty() && profiles.isEmpty()) {
            List<Verdict> none = new ArrayList<>(requests.size());
            requests.forEach(r -> none.add(Verdict.Decision.none()));
            return none;
        }
        Model m = ready();
        if (m.training() != null) {
            Set<String> learnt = m.training().transcriptIds();
            requests.stream().map(r -> r.transcript().id()).filter(learnt::contains).forEach(replayedTraining::add);
        }
        int window = Math.max(options.contextTurns() + 1, m.router().active() ? options.routingTurns() : 1);
        if (m.scorers().stream().anyMatch(s -> s.reference() != null)) {
            window = Math.max(window, 1 + ReferenceProbes.CONTEXT_MESSAGES);
        }
        List<List<List<String>>> piecesPerTurn = new ArrayList<>(requests.size());
        Set<String> wanted = new LinkedHashSet<>();
        for (TurnRequest r : requests) {
            List<List<String>> pieces = recentUserPieces(r, window);
            piecesPerTurn.add(pieces);
            pieces.forEach(wanted::addAll);
        }
        Map<String, float[]> vectors = vectorsFor(m.encoder(), wanted);
        List<Verdict> out = new ArrayList<>(requests.size());
        for (List<List<String>> pieces : piecesPerTurn) {
            out.add(decide(m, pieces, vectors));
        }
        turns.addAndGet(requests.size());
        return out;
    }

    /**
     * The latest user messages up to this turn, newest first, each as the normalized texts it is
     * scored by (see {@link Texts#pieces}); an empty list for a message without text (media only).
     */
    private List<List<String>> recentUserPieces(TurnRequest r, int window) {
        List<Message> prefix = r.prefix();
        List<List<String>> out = new ArrayList<>(window);
        for (int i = prefix.size() - 1; i >= 0 && out.size() < window; i--) {
            Message msg = prefix.get(i);
            if (msg.role() == Message.Role.USER) {
                out.add(Texts.pieces(msg.text(), options.units()));
            }
        }
        return out;
    }

    private Map<String, float[]> vectorsFor(SentenceEncoder encoder, Set<String> wanted) {
        Map<String, float[]> vectors = new HashMap<>(wanted.size() * 2);
        List<String> missing = new ArrayList<>();
        for (String k : wanted) {
            float[] v = cache.get(k);
            if (v != null) {
                vectors.put(k, v);
            } else {
                missing.add(k);
            }
        }
        for (int from = 0; from < missing.size(); from += EMBED_CHUNK) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + EMBED_CHUNK));
            List<float[]> embeddedChunk = encoder.encode(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                vectors.put(chunk.get(i), embeddedChunk.get(i));
                cache.put(chunk.get(i), embeddedChunk.get(i));
            }
            embedded.addAndGet(chunk.size());
        }
        return vectors;
    }

    private Verdict decide(Model m, List<List<String>> messages, Map<String, float[]> vectors) {
        String route = null;
        if (m.router().active()) {
            List<float[]> recent = new ArrayList<>();
            for (int i = 0; i < Math.min(messages.size(), options.routingTurns()); i++) {
                messages.get(i).forEach(k -> recent.add(vectors.get(k)));
            }
            route = m.router().route(recent);
        }
        List<float[]> current = currentVectors(messages, vectors);
        float[] turnFeatures = turnFeatures(m, messages, vectors);
        Map<String, Double> scores = new LinkedHashMap<>();
        Set<String> fired = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        for (CriterionScorer s : m.scorers()) {
            double score = 0;
            float[] best = null;
            for (float[] v : current) {
                double x = s.score(v);
                if (best == null || x > score) {
                    score = x;
                    best = v;
                }
            }
            score = s.combine(score, turnFeatures);
            scores.put(s.name(), score);
            if (best != null && score >= s.threshold()) {
                fired.add(s.name());
                why.add(String.format(Locale.ROOT, "%s %.2f (like \"%s\")", s.name(), score, s.nearestAnchor(best)));
            }
        }
        return new Verdict.Decision(Set.copyOf(fired), route, String.join("; ", why), java.util.Collections.unmodifiableMap(scores));
    }

    /**
     * How the classifier sees training turns: their whole-turn features (null for a turn without text) and
     * each phrase probe's score, computed exactly as {@link #classify} does.
     */
    private List<OwnTraining.TurnView> labelledTurnView(List<TurnRequest> turns, List<CriterionScorer> phrase) {
        int window = 1 + Math.max(options.contextTurns(), ReferenceProbes.CONTEXT_MESSAGES);
        List<List<List<String>>> piecesPerTurn = new ArrayList<>(turns.size());
        Set<String> wanted = new LinkedHashSet<>();
        for (TurnRequest r : turns) {
            List<List<String>> pieces = recentUserPieces(r, window);
            piecesPerTurn.add(pieces);
            pieces.forEach(wanted::addAll);
        }
        Map<String, float[]> vectors = vectorsFor(SentenceEncoder.shared(), wanted);
        List<OwnTraining.TurnView> out = new ArrayList<>(turns.size());
        for (List<List<String>> messages : piecesPerTurn) {
            if (messages.isEmpty() || messages.get(0).isEmpty()) {
                out.add(new OwnTraining.TurnView(null, Map.of()));
                continue;
            }
            List<List<float[]>> earlier = new ArrayList<>();
            for (int i = 1; i < messages.size(); i++) {
                earlier.add(messages.get(i).stream().map(vectors::get).toList());
            }
            float[] features = ReferenceProbes.features(messages.get(0).stream().map(vectors::get).toList(), earlier);
            List<float[]> current = currentVectors(messages, vectors);
            Map<String, Double> scores = new LinkedHashMap<>();
            for (CriterionScorer s : phrase) {
                double best = 0;
                for (float[] v : current) {
                    best = Math.max(best, s.score(v));
                }
                scores.put(s.name(), best);
            }
            out.add(new OwnTraining.TurnView(features, scores));
        }
        return out;
    }

    /** The whole turn's features for the reference probes (null when none applies or the message has no text). */
    private static float[] turnFeatures(Model m, List<List<String>> messages, Map<String, float[]> vectors) {
        if (messages.isEmpty() || messages.get(0).isEmpty() || m.scorers().stream().allMatch(s -> s.reference() == null)) {
            return null;
        }
        List<List<float[]>> earlier = new ArrayList<>();
        for (int i = 1; i < messages.size(); i++) {
            earlier.add(messages.get(i).stream().map(vectors::get).toList());
        }
        return ReferenceProbes.features(messages.get(0).stream().map(vectors::get).toList(), earlier);
    }

    /**
     * The vectors the turn is scored by, one per piece of the latest message; with context_turns,
     * each has the earlier user messages (their mean vector) blended in.
     */
    private List<float[]> currentVectors(List<List<String>> messages, Map<String, float[]> vectors) {
        if (messages.isEmpty() || messages.get(0).isEmpty()) {
            return List.of();
        }
        List<float[]> out = new ArrayList<>();
        for (String k : messages.get(0)) {
            float[] v = vectors.get(k);
            double weight = options.contextWeight();
            for (int i = 1; i <= options.contextTurns() && i < messages.size(); i++) {
                if (!messages.get(i).isEmpty()) {
                    v = Vectors.blend(v, Vectors.mean(messages.get(i).stream().map(vectors::get).toList()), weight);
                }
                weight *= options.contextWeight();
            }
            out.add(v);
        }
        return out;
    }

    private Model ready() {
        Model m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    SentenceEncoder encoder = SentenceEncoder.shared();
                    java.util.function.Function<List<String>, List<float[]>> embedTexts = texts -> {
                        Set<String> keys = new LinkedHashSet<>();
                        texts.forEach(t -> keys.add(Texts.normalize(t)));
                        Map<String, float[]> v = vectorsFor(encoder, keys);
                        List<float[]> out = new ArrayList<>(texts.size());
                        texts.forEach(t -> out.add(v.get(Texts.normalize(t))));
                        return out;
                    };
                    Training training = new Training(settings, options, embedTexts);
                    ReferenceProbes refs = referenceProbes();
                    List<CriterionScorer> phrase = training.scorers(asked);
                    OwnTraining.Result own = options.training() == null ? null
                            : OwnTraining.run(options.training(), config, phrase, this::labelledTurnView, embedTexts);
                    List<CriterionScorer> scorers = new ArrayList<>();
                    for (CriterionScorer sc : phrase) {
                        Criterion c = asked.stream().filter(x -> x.name().equals(sc.name())).findFirst().orElseThrow();
                        ReferenceProbes.Probe p = own == null ? null : own.probe(c.name());
                        if (p == null) {
                            p = refs.forCriterion(c.name(), c.description());
                        }
                        scorers.add(p == null ? sc : sc.withReference(p));
                    }
                    m = new Model(encoder, List.copyOf(scorers), training.router(profiles), own);
                    model = m;
                }
            }
        }
        return m;
    }

    /** A path named in the settings: relative to the settings file's folder. */
    static Path relativeToSettings(EvaluationSettings settings, String named) {
        Path file = Path.of(named);
        if (!file.isAbsolute() && settings != null && settings.file() != null && settings.file().getParent() != null) {
            file = settings.file().getParent().resolve(file);
        }
        return file;
    }

    private ReferenceProbes referenceProbes() {
        String which = options.referenceProbes();
        if (which.equals("none")) {
            return ReferenceProbes.NONE;
        }
        if (which.equals("builtin")) {
            return ReferenceProbes.builtin();
        }
        Path file = relativeToSettings(settings, which);
        try {
            return readProbeFile(file);
        } catch (IllegalArgumentException e) {
            throw dev.handoff.error.HandoffException.usage((settings != null && settings.file() != null ? settings.file() + ": " : "")
                    + "classifier.embedding.reference_probes: " + e.getMessage(), PROBE_FILE_HINT);
        }
    }

    static final String PROBE_FILE_HINT = "give builtin, none or the path of a file written by bench/fit-reference.sh";

    /**
     * A probe file the settings name; {@link IllegalArgumentException} saying what keeps it from being used ("FILE: no
     * such file", "FILE: line 3: ..."), the same words replay and validate print.
     */
    static ReferenceProbes readProbeFile(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": "
                    + (java.nio.file.Files.isDirectory(file) ? "a folder, not a probe file" : "no such file"));
        }
        try {
            return ReferenceProbes.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + dev.handoff.files.IoMessages.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (cacheFile != null) {
            try {
                cache.save(cacheFile);
            } catch (IOException e) {
                // not worth failing a replay for: a cache that cannot be written only costs time on the next run
            }
        }
    }
}
