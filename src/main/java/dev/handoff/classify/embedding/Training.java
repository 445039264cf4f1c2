package dev.handoff.classify.embedding;

import dev.handoff.config.Criterion;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.RoutingProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the per-criterion scorers and the router from the configuration's wording and the
 * evaluation settings' phrases. Only phrases written for the configuration are learned from,
 * never replayed transcripts, so replay measures text the probes have not seen.
 */
final class Training {

    /** Fewer examples than this and a probe would learn the phrasing, not the criterion. */
    static final int MIN_EXAMPLES = 3;
    static final double DEFAULT_LOGISTIC_THRESHOLD = 0.5;
    static final double DEFAULT_SIMILARITY_THRESHOLD = 0.75;
    private static final int STEPS = 300;
    private static final String NEUTRAL_RESOURCE = "neutral-phrases.txt";
    /** Ordinary messages from many domains: with them every probe learns that most messages fire nothing. */
    private static final String BACKGROUND_RESOURCE = "background-messages.txt";

    private final EvaluationSettings settings;
    private final EmbeddingOptions options;
    private final Function<List<String>, List<float[]>> embed;

    Training(EvaluationSettings settings, EmbeddingOptions options, Function<List<String>, List<float[]>> embed) {
        this.settings = settings;
        this.options = options;
        this.embed = embed;
    }

    static double threshold(EvaluationSettings settings, String criterion) {
        EvaluationSettings.CriterionSettings cs = settings.criterion(criterion);
        if (cs.threshold() != null) {
            return cs.threshold();
        }
        return usable(cs.examples()).size() >= MIN_EXAMPLES ? DEFAULT_LOGISTIC_THRESHOLD : DEFAULT_SIMILARITY_THRESHOLD;
    }

    List<CriterionScorer> scorers(List<Criterion> asked) {
        List<String> neutral = new ArrayList<>(options.builtinNeutral() ? builtinNeutral() : List.of());
        neutral.addAll(usable(options.neutralExamples()));
        List<CriterionScorer> out = new ArrayList<>();
        for (Criterion c : asked) {
            EvaluationSettings.CriterionSettings cs = settings.criterion(c.name());
            List<String> examples = usable(cs.examples());
            Description description = Description.split(c.description());
            List<String> anchorTexts = new ArrayList<>();
            if (!description.includes().isBlank()) {
                anchorTexts.add(description.includes());
            }
            anchorTexts.addAll(examples);
            if (anchorTexts.isEmpty()) {
                anchorTexts.add(c.name().replace('_', ' '));
            }
            List<float[]> anchors = embed.apply(anchorTexts);
            double threshold = threshold(settings, c.name());
            if (examples.size() < MIN_EXAMPLES) {
                out.add(new CriterionScorer(c.name(), CriterionScorer.Method.SIMILARITY, threshold, null, anchors,
                        List.copyOf(anchorTexts), 0, 0, List.of(), 0, 1, null));
                continue;
            }
            Set<String> positiveKeys = new LinkedHashSet<>();
            anchorTexts.forEach(t -> positiveKeys.add(Texts.normalize(t)));
            // what the description rules out ("questions about the return policy alone are not ...") pushes down, not up
            Set<String> hardTexts = new LinkedHashSet<>(description.excludes());
            hardTexts.addAll(usable(cs.counterExamples()));
            Set<String> negativeTexts = new LinkedHashSet<>(hardTexts);
            for (Map.Entry<String, EvaluationSettings.CriterionSettings> other : settings.criteria().entrySet()) {
                if (examples.size() < options.crossNegatives() && !other.getKey().equals(c.name())) {
                    negativeTexts.addAll(usable(other.getValue().examples()));
                }
            }
            negativeTexts.addAll(neutral);
            List<String> negatives = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>(positiveKeys);
            for (String t : negativeTexts) {
                if (seen.add(Texts.normalize(t))) {
                    negatives.add(t);
                }
            }
            List<float[]> negativeVectors = embed.apply(negatives);
            // the counter-examples and exclusions are the near misses: they carry a fixed share of the negatives' weight
            List<float[]> hardVectors = new ArrayList<>();
            List<float[]> easyVectors = new ArrayList<>();
            for (int k = 0; k < negatives.size(); k++) {
                (hardTexts.contains(negatives.get(k)) ? hardVectors : easyVectors).add(negativeVectors.get(k));
            }
            EmbeddingOptions.Probe how = options.probe(c.name());
            LogisticRegression probe = LogisticRegression.fit(anchors, easyVectors, hardVectors,
                    options.counterShare(), how.l2(), STEPS);
            out.add(new CriterionScorer(c.name(), CriterionScorer.Method.LOGISTIC, threshold, probe, anchors,
                    List.copyOf(anchorTexts), anchors.size(), negatives.size(), List.copyOf(negativeVectors),
                    how.knnWeight(), how.knnScale(), null));
        }
        return List.copyOf(out);
    }

    Router router(List<RoutingProfile> profiles) {
        List<Router.Profile> out = new ArrayList<>();
        for (RoutingProfile p : profiles) {
            List<String> texts = new ArrayList<>();
            if (!p.description().isBlank()) {
                texts.add(p.description());
            }
            texts.addAll(usable(settings.routingExamples().getOrDefault(p.name(), List.of())));
            if (texts.isEmpty()) {
                texts.add(p.name());
            }
            out.add(new Router.Profile(p.name(), embed.apply(texts)));
        }
        return new Router(List.copyOf(out), options.routingMinSimilarity());
    }

    private static List<String> usable(List<String> phrases) {
        return phrases.stream().filter(p -> p != null && !p.isBlank()).toList();
    }

    static List<String> builtinNeutral() {
        List<String> out = new ArrayList<>(lines(NEUTRAL_RESOURCE));
        out.addAll(lines(BACKGROUND_RESOURCE));
        return List.copyOf(out);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Training.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String s = line.strip();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        out.add(s);
                    }
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
