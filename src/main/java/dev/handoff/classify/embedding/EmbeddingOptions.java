package dev.handoff.classify.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code classifier.embedding} block of the evaluation settings.
 *
 * @param units                what a message is scored by: the whole message, its sentences (the best one counts) or both
 * @param contextTurns         earlier user messages blended into the vector of a turn (0 = the turn alone)
 * @param contextWeight        weight of each earlier message in that blend
 * @param neutralExamples      extra phrases no criterion should fire on, added to the built-in ones
 * @param builtinNeutral       whether the built-in neutral phrases are used
 * @param l2                   regularisation of the per-criterion probes
 * @param crossNegatives       a criterion with fewer examples than this also learns the other criteria's examples as
 *                             "does not fire" (a few phrases cannot mark a boundary alone; a well-described
 *                             criterion is better off without: requests often come with frustration)
 * @param cacheEntries         embeddings kept in memory (and on disk)
 * @param diskCache            whether embeddings are kept on disk between runs
 * @param routingTurns         user messages (the latest ones) looked at to pick a routing profile
 * @param routingMinSimilarity below this similarity to every profile no route is picked
 * @param knnWeight            weight of the nearest-phrase vote in a probe criterion's score (0 = the probe alone): a short
 *                             request very close to one example ("agent") is what a linear probe on few phrases
 *                             scores too low, and a question close to a counter-example ("are you a real person?")
 *                             what it scores too high
 * @param knnScale             steepness of that vote: sigmoid(scale x (similarity to the nearest example - to the nearest
 *                             counter-example or neutral phrase))
 * @param counterShare         share of the negatives' weight in a probe's fit that its counter-examples and its
 *                             description's exclusions carry together (0 = each weighs like any negative): they are
 *                             the near misses, and among a few hundred neutral and background phrases ten of them
 *                             would barely move the boundary
 * @param perCriterion         l2 / knn_weight / knn_scale for one criterion (by name), over the values above
 * @param referenceProbes      probes fitted offline on an LLM's labels: "builtin", "none" or the path of a probe file
 * @param training             probes fitted at load time on recorded verdicts and labelled transcripts, or null
 */
record EmbeddingOptions(Texts.Units units, int contextTurns, double contextWeight, List<String> neutralExamples, boolean builtinNeutral,
                        double l2, int crossNegatives, int cacheEntries, boolean diskCache, int routingTurns, double routingMinSimilarity,
                        double knnWeight, double knnScale, double counterShare, Map<String, Probe> perCriterion,
                        String referenceProbes, TrainingOptions training) {

    /**
     * The {@code training} block: conversations whose turns are labelled by an LLM's recorded verdicts or,
     * without one, by the transcript's own label (see {@link TrainingSet}).
     *
     * @param transcripts transcript files and folders, resolved against the evaluation settings' folder
     * @param verdicts    verdict files ({@code *.verdicts.jsonl}), resolved the same way
     * @param named       both as written in the settings, for the report (no absolute path in a committed report)
     * @param folds       folds of the cross-validation reported per criterion
     * @param blend       weight of the phrase probe in the score; the rest is the probe fitted on these turns
     * @param where       the settings file, for messages
     */
    record TrainingOptions(List<java.nio.file.Path> transcripts, List<java.nio.file.Path> verdicts, List<String> named, int folds, double blend, String where) {
        static final int DEFAULT_FOLDS = 5;
        static final double DEFAULT_BLEND = 0.5;
    }

    /** How one criterion's probe is fitted and blended. */
    record Probe(double l2, double knnWeight, double knnScale) {
    }

    Probe probe(String criterion) {
        return perCriterion.getOrDefault(criterion, new Probe(l2, knnWeight, knnScale));
    }

    /** Every key of the block, and of one criterion's entry under {@code criteria} (validate warns about others). */
    static final List<String> KEYS = List.of("units", "context_turns", "context_weight", "neutral_examples", "builtin_neutral", "l2",
            "other_criteria_as_negatives_below", "cache_entries", "disk_cache", "routing_turns", "routing_min_similarity", "knn_weight",
            "knn_scale", "counter_examples_share", "criteria", "reference_probes", "training");
    static final List<String> PROBE_KEYS = List.of("l2", "knn_weight", "knn_scale");

    static final EmbeddingOptions DEFAULTS = new EmbeddingOptions(Texts.Units.SENTENCES, 0, 0.5, List.of(), true, 1.0, 20, 20_000, true, 3, 0.65, 0.0, 20.0, 0.5, Map.of(), "builtin", null);

    static EmbeddingOptions from(EvaluationSettings settings) {
        JsonNode node = settings.classifierOptions() == null ? null : settings.classifierOptions().get("embedding");
        if (node == null || node.isNull()) {
            return DEFAULTS;
        }
        Reader r = new Reader(settings, node, "");
        if (!node.isObject()) {
            throw r.error("", "must be a mapping of options");
        }
        EmbeddingOptions d = DEFAULTS;
        double l2 = r.number("l2", d.l2, 0.0001, 1000);
        double knnWeight = r.number("knn_weight", d.knnWeight, 0, 1);
        double knnScale = r.number("knn_scale", d.knnScale, 0.1, 1000);
        Map<String, Probe> perCriterion = new LinkedHashMap<>();
        JsonNode pc = node.get("criteria");
        if (pc != null && !pc.isNull()) {
            if (!pc.isObject()) {
                throw r.error("criteria", "must be a mapping of criterion names to l2 / knn_weight / knn_scale");
            }
            pc.fields().forEachRemaining(e -> {
                Reader c = new Reader(settings, e.getValue(), "criteria." + e.getKey() + ".");
                if (!e.getValue().isObject()) {
                    throw r.error("criteria." + e.getKey(), "must be a mapping with l2, knn_weight or knn_scale");
                }
                perCriterion.put(e.getKey(), new Probe(c.number("l2", l2, 0.0001, 1000),
                        c.number("knn_weight", knnWeight, 0, 1), c.number("knn_scale", knnScale, 0.1, 1000)));
            });
        }
        return new EmbeddingOptions(
                r.units("units", d.units),
                r.integer("context_turns", d.contextTurns, 0, 10),
                r.number("context_weight", d.contextWeight, 0, 1),
                r.strings("neutral_examples"),
                r.bool("builtin_neutral", d.builtinNeutral),
                l2,
                r.integer("other_criteria_as_negatives_below", d.crossNegatives, 0, 100_000),
                r.integer("cache_entries", d.cacheEntries, 0, 2_000_000),
                r.bool("disk_cache", d.diskCache),
                r.integer("routing_turns", d.routingTurns, 1, 50),
                r.number("routing_min_similarity", d.routingMinSimilarity, -1, 1),
                knnWeight, knnScale, r.number("counter_examples_share", d.counterShare, 0, 0.9), Map.copyOf(perCriterion),
                r.text("reference_probes", d.referenceProbes), training(settings, node.get("training")));
    }

    private static TrainingOptions training(EvaluationSettings settings, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Reader r = new Reader(settings, node, "training.");
        if (!node.isObject()) {
            throw new Reader(settings, node, "").error("training", "must be a mapping with transcripts, verdicts, folds or blend");
        }
        java.nio.file.Path base = settings.file() == null || settings.file().getParent() == null
                ? java.nio.file.Path.of("") : settings.file().getParent();
        for (String field : new String[]{"transcripts", "verdicts"}) {
            List<String> given = r.strings(field);
            if (given.stream().anyMatch(String::isBlank)) {
                // "" resolves to the settings file's own folder: every YAML file there read as a transcript
                throw r.error(field, "holds an empty path; name files or folders");
            }
            if (given.size() != new java.util.HashSet<>(given).size()) {
                throw r.error(field, "names a path twice; name each once");
            }
        }
        List<String> named = new ArrayList<>(r.strings("transcripts"));
        named.addAll(r.strings("verdicts"));
        List<java.nio.file.Path> transcripts = r.strings("transcripts").stream().map(base::resolve).toList();
        List<java.nio.file.Path> verdicts = r.strings("verdicts").stream().map(base::resolve).toList();
        if (transcripts.isEmpty()) {
            throw r.error("transcripts", "names no transcripts: the turns to learn from (the verdict files hold keys, not text)");
        }
        for (java.nio.file.Path t : transcripts) {
            if (!java.nio.file.Files.exists(t)) {
                throw r.error("transcripts", "names " + t + ", which does not exist");
            }
        }
        for (java.nio.file.Path v : verdicts) {
            if (!java.nio.file.Files.isRegularFile(v)) {
                throw r.error("verdicts", "names " + v + ", which does not exist (record it with replay --record)");
            }
        }
        String where = settings.file() == null ? "evaluation settings" : settings.file().toString();
        return new TrainingOptions(transcripts, verdicts, List.copyOf(named), r.integer("folds", TrainingOptions.DEFAULT_FOLDS, 2, 20),
                r.number("blend", TrainingOptions.DEFAULT_BLEND, 0, 1), where);
    }

    private record Reader(EvaluationSettings settings, JsonNode node, String prefix) {

        EmbeddingOptionException error(String field, String what) {
            String where = settings.file() == null ? "evaluation settings" : settings.file().toString();
            String path = field.isEmpty() ? "" : prefix + field;
            return new EmbeddingOptionException(where + ": classifier.embedding" + (path.isEmpty() ? "" : "." + path) + " " + what,
                    path, what);
        }

        int integer(String field, int fallback, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw error(field, "must be a whole number from " + min + " to " + max + ", found '" + v.asText() + "'");
            }
            return v.asInt();
        }

        double number(String field, double fallback, double min, double max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
                throw error(field, "must be a number from " + min + " to " + max + ", found '" + v.asText() + "'");
            }
            return v.asDouble();
        }

        Texts.Units units(String field, Texts.Units fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            Texts.Units u = v.isTextual() ? Texts.Units.parse(v.asText()) : null;
            if (u == null) {
                throw error(field, "must be message, sentences or both, found '" + v.asText() + "'");
            }
            return u;
        }

        String text(String field, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(field, "must be builtin, none or the path of a probe file, found '" + v.asText() + "'");
            }
            return v.asText();
        }

        boolean bool(String field, boolean fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(field, "must be true or false, found '" + v.asText() + "'");
            }
            return v.asBoolean();
        }

        List<String> strings(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(field, "must be a list of phrases");
            }
            List<String> out = new ArrayList<>();
            v.forEach(s -> out.add(s.asText()));
            return List.copyOf(out);
        }
    }
}
