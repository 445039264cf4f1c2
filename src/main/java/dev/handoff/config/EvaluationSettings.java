package dev.handoff.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local-only evaluation settings, kept next to a configuration file as
 * {@code <name>.eval.yaml} and never sent to a remote: per-criterion thresholds and example
 * phrases for the embedded classifier, routing examples, and the CI gate's limits.
 *
 * <pre>
 * gate:                        # defaults for every criterion
 *   max_fp_rate: 0.05
 * criteria:
 *   asks_for_human:
 *     threshold: 0.62
 *     examples: ["can I talk to a person"]
 *     counter_examples: ["are you a bot?"]
 *     gate: {max_fp_rate: 0.02, min_recall: 0.8, min_precision: 0.9}
 * routing:
 *   Billing:
 *     examples: ["I was charged twice"]
 * classifier:                  # free-form options per classifier
 *   embedding: {context_turns: 1}
 * failed_attempts:             # the "after N failed attempts" rule, for any provider
 *   after: 3                   # (a caty file sets the count in triggers.failed_attempts)
 *   count: [fallback_reply, repeated_request]
 *   fallback_phrases: ["Sorry, I didn't get that"]
 * </pre>
 *
 * @param failedAttempts null when the file has no {@code failed_attempts} section
 */
public record EvaluationSettings(Path file, GateLimits defaultGate, Map<String, CriterionSettings> criteria,
                                 Map<String, List<String>> routingExamples, JsonNode classifierOptions,
                                 FailedAttemptsSettings failedAttempts) {

    public static final EvaluationSettings NONE = new EvaluationSettings(null, GateLimits.NONE, Map.of(), Map.of(),
            JsonNodeFactory.instance.objectNode());

    public EvaluationSettings(Path file, GateLimits defaultGate, Map<String, CriterionSettings> criteria,
                              Map<String, List<String>> routingExamples, JsonNode classifierOptions) {
        this(file, defaultGate, criteria, routingExamples, classifierOptions, null);
    }

    /**
     * @param after           null when only the fallback phrases are given (for a caty file, which sets the count)
     * @param fallbackPhrases empty for the default set ({@link FailedAttempts#DEFAULT_FALLBACK_PHRASES})
     */
    public record FailedAttemptsSettings(Integer after, boolean countFallbacks, boolean countRepeats, List<String> fallbackPhrases) {
    }

    /** Null fields mean "no limit". Rates and ratios are fractions in [0, 1]. */
    public record GateLimits(Double maxFpRate, Double minRecall, Double minPrecision) {
        public static final GateLimits NONE = new GateLimits(null, null, null);

        /** This limit where set, else the fallback's. */
        public GateLimits orElse(GateLimits fallback) {
            return new GateLimits(maxFpRate != null ? maxFpRate : fallback.maxFpRate,
                    minRecall != null ? minRecall : fallback.minRecall,
                    minPrecision != null ? minPrecision : fallback.minPrecision);
        }
    }

    public record CriterionSettings(Double threshold, List<String> examples, List<String> counterExamples, GateLimits gate) {
        public static final CriterionSettings NONE = new CriterionSettings(null, List.of(), List.of(), GateLimits.NONE);
    }

    public CriterionSettings criterion(String name) {
        return criteria.getOrDefault(name, CriterionSettings.NONE);
    }

    /** The gate limits for a criterion: its own, then the defaults. */
    public GateLimits gate(String criterion) {
        return criterion(criterion).gate().orElse(defaultGate);
    }

    /** {@code guidelines/x.yaml} -> {@code guidelines/x.eval.yaml}. */
    public static Path pathFor(Path configFile) {
        String name = configFile.getFileName().toString();
        String base = name.replaceFirst("\\.(ya?ml)$", "");
        return configFile.resolveSibling(base + ".eval.yaml");
    }

    /** Loads the settings next to a configuration file, or {@link #NONE} when there are none. */
    public static EvaluationSettings forConfig(Path configFile) {
        Path path = pathFor(configFile);
        return Files.isRegularFile(path) ? load(path) : NONE;
    }

    public static EvaluationSettings load(Path path) {
        JsonNode root = YamlFiles.readTree(path);
        if (!root.isObject()) {
            throw HandoffException.usage(path + ": expected a mapping with 'criteria', 'routing' or 'gate'", null);
        }
        Map<String, CriterionSettings> criteria = new LinkedHashMap<>();
        for (var e : root.path("criteria").properties()) {
            JsonNode c = e.getValue();
            String field = "criteria." + e.getKey();
            criteria.put(e.getKey(), new CriterionSettings(
                    number(path, field + ".threshold", c.get("threshold")),
                    strings(path, field + ".examples", c.get("examples")),
                    strings(path, field + ".counter_examples", c.get("counter_examples")),
                    gate(path, field + ".gate", c.get("gate"))));
        }
        Map<String, List<String>> routing = new LinkedHashMap<>();
        for (var e : root.path("routing").properties()) {
            routing.put(e.getKey(), strings(path, "routing." + e.getKey() + ".examples", e.getValue().get("examples")));
        }
        JsonNode options = root.has("classifier") ? root.get("classifier") : JsonNodeFactory.instance.objectNode();
        return new EvaluationSettings(path, gate(path, "gate", root.get("gate")), Map.copyOf(criteria), Map.copyOf(routing), options,
                failedAttempts(path, root.get("failed_attempts")));
    }

    private static FailedAttemptsSettings failedAttempts(Path file, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw HandoffException.usage(file + ": failed_attempts must be a mapping with 'after' and optionally 'count' and 'fallback_phrases'", null);
        }
        Double after = number(file, "failed_attempts.after", node.get("after"));
        if (after != null && (after != Math.rint(after) || after < 1)) {
            throw HandoffException.usage(file + ": failed_attempts.after is " + node.get("after").asText()
                    + "; expected a whole number of at least 1", null);
        }
        List<String> count = strings(file, "failed_attempts.count", node.get("count"));
        for (String c : count) {
            if (!CatyConfig.COUNTED.contains(c)) {
                throw HandoffException.usage(file + ": failed_attempts.count: '" + c + "' is not one of " + String.join(", ", CatyConfig.COUNTED), null);
            }
        }
        boolean all = count.isEmpty();
        return new FailedAttemptsSettings(after == null ? null : after.intValue(), all || count.contains("fallback_reply"),
                all || count.contains("repeated_request"), strings(file, "failed_attempts.fallback_phrases", node.get("fallback_phrases")));
    }

    private static GateLimits gate(Path file, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return GateLimits.NONE;
        }
        return new GateLimits(fraction(file, field + ".max_fp_rate", node.get("max_fp_rate")),
                fraction(file, field + ".min_recall", node.get("min_recall")),
                fraction(file, field + ".min_precision", node.get("min_precision")));
    }

    private static Double fraction(Path file, String field, JsonNode node) {
        Double v = number(file, field, node);
        if (v != null && (v < 0 || v > 1)) {
            throw HandoffException.usage(file + ": " + field + " is " + v + "; expected a fraction between 0 and 1", null);
        }
        return v;
    }

    private static Double number(Path file, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw HandoffException.usage(file + ": " + field + " must be a number, found '" + node.asText() + "'", null);
        }
        return node.asDouble();
    }

    private static List<String> strings(Path file, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw HandoffException.usage(file + ": " + field + " must be a list of phrases", null);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            out.add(n.asText());
        }
        return List.copyOf(out);
    }
}
