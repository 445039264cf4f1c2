package dev.handoff.classify.embedding;

import dev.handoff.classify.embedding.ProbeFitting.Row;
import dev.handoff.config.Criterion;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Build-time tool, not a test: fits the reference probes ({@link ReferenceProbes}) on an LLM's labels
 * of whole turns (../shared/data/llm-reference), the built-in background messages and the evaluation
 * settings' example phrases. Every choice (regularisation, weight of the example phrases, context,
 * blend with the phrase probe, threshold) is made by 5-fold cross-validation on the TUNE part only;
 * the final fit then uses TUNE alone ({@code tune}, what bench/agreement.sh reports on REPORT with)
 * or every turn ({@code all}, what is shipped). Run by bench/fit-reference.sh and bench/agreement.sh.
 *
 * <p>Usage: FitReferenceProbes TURNS_JSONL OUT_FILE tune|all (with -Ddump=FILE, the TUNE turns decided wrongly out of fold,
 * one "item, criterion, FP|FN" line each, to read beside the turns file)
 */
public final class FitReferenceProbes {

    static final Path CONFIG = Path.of("guidelines/quickchat-support.yaml");
    static final int FOLDS = 5;
    static final double[] L2 = doubles("l2", "0.3,1,3,10,30");
    static final double[] PHRASE_WEIGHT = doubles("phraseWeights", "0,0.5");
    /**
     * With -DphraseWeightsFew=1,2,4, the example-phrase weights tried for a criterion with fewer than {@link #FEW_POSITIVES} reference
     * positives (the criteria the reference never fires included): the project's own wording as positives, weighted so that the
     * few reference positives do not drown it.
     */
    static final double[] PHRASE_WEIGHT_FEW = System.getProperty("phraseWeightsFew") == null ? null
            : doubles("phraseWeightsFew", "");
    static final double[] BLEND = {0, 0.25, 0.5, 0.75};
    /** Fewer reference positives than this: the criterion keeps its phrase probe alone (-DminPositives=5 to try otherwise). */
    static final int MIN_POSITIVES = Integer.getInteger("minPositives", 30);
    /**
     * With -DminBlendFew=0.5, a criterion with fewer reference positives than {@link #FEW_POSITIVES} keeps at least this weight
     * on its phrase probe:
     * the reference's few (or no) positives cannot teach the project's own wording (fitted alone, Refund requests found none
     * of the project's refund transcripts), but its many negatives can teach what ordinary traffic looks like.
     */
    static final double MIN_BLEND_FEW = Double.parseDouble(System.getProperty("minBlendFew", "0"));
    static final int FEW_POSITIVES = 30;
    /**
     * With -DquietProbes=true, a criterion the reference never fires gets a probe too: its example phrases against every
     * reference turn. Cross-validation on TUNE liked it (docs/embedded-classifier.md), the project's own transcripts did not.
     */
    static final boolean QUIET_PROBES = Boolean.getBoolean("quietProbes");
    /**
     * A labelled criterion left to its phrase probe: with -DcalibratePhrase=X, its threshold for the TUNE summary is the best-F1
     * one among those that fire on at most X of the TUNE turns where the reference fires nothing (the phrase probe is not fitted
     * on TUNE, so no folds are needed). Printed as a suggestion for the evaluation settings.
     */
    static final double CALIBRATE_PHRASE = Double.parseDouble(System.getProperty("calibratePhrase", "-1"));

    /** Criteria the reference never fires may not fire on more than this share of TUNE turns (out of fold). */
    static final double QUIET_RATE = 0.005;
    /**
     * With -DmaxOnQuiet=0.008, no criterion may fire on more than that share of the TUNE turns where the
     * reference fires nothing (out of fold). Off by default: it halved the recall of user_frustration and
     * customer_support_suggestion for the same exact agreement (docs/embedded-classifier.md).
     */
    static final double MAX_ON_QUIET = Double.parseDouble(System.getProperty("maxOnQuiet", "1"));
    /** -DthresholdBy=accuracy: thresholds (and hyper-parameters) by out-of-fold per-turn accuracy instead of F1. */
    static final boolean BY_ACCURACY = "accuracy".equals(System.getProperty("thresholdBy"));
    /** Context (the earlier user messages) did not help any criterion in cross-validation; try it with -Dcontext=true. */
    static final boolean[] CONTEXT = Boolean.getBoolean("context") ? new boolean[] {false, true} : new boolean[] {false};

    /**
     * With -Dpropagate=0,0.1,0.3: weights tried (by cross-validation) for the rows of the development data sets whose intent
     * has LLM-labelled training turns; each such row is labelled with its intent's (smoothed) firing rate among those turns.
     */
    static final double[] PROPAGATE = doubles("propagate", "0");
    /** With -Dknn=0,0.25,0.5: weights tried for a nearest-turns vote (the -Dk=10 most similar training turns) beside the probe. */
    static final double[] KNN = doubles("knn", "0");
    static final int K = Integer.getInteger("k", 10);

    /** Rows taken per intent for {@link #PROPAGATE}. */
    static final int PER_INTENT = Integer.getInteger("perIntent", 20);
    /** Pseudo-count pulling an intent's firing rate towards the criterion's overall rate. */
    static final double PRIOR_COUNT = Double.parseDouble(System.getProperty("priorCount", "1"));

    /** A data-set row standing in for its intent: its features and intent. */
    record IntentRow(float[] features, String intent) {
    }

    /** Set once by main when intent rows are asked for; none otherwise. */
    static ReferenceTurns.Intents intents = new ReferenceTurns.Intents(Map.of(), List.of());

    record Turn(String id, String text, boolean tune, int fold, float[] features, List<float[]> pieces, Set<String> fires) {
    }

    /** @param oof out-of-fold probabilities on TUNE turns (0 elsewhere), for the cross-validated summary */
    record Choice(double l2, double phraseWeight, boolean context, double blend, double threshold, double f1, double[] oof,
                  double propagate) {
    }

    private FitReferenceProbes() {
    }

    public static void main(String[] args) throws Exception {
        Path turnsFile = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean all = args[2].equals("all");
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(CONFIG));
        EvaluationSettings settings = EvaluationSettings.forConfig(CONFIG);
        EmbeddingOptions options = EmbeddingOptions.from(settings);
        EmbeddingCache cache = new EmbeddingCache(200_000, SentenceEncoder.MODEL_ID, SentenceEncoder.DIMENSION);
        Path cacheFile = Path.of("target/bench-cache/embedding/" + SentenceEncoder.MODEL_ID + ".cache");
        cache.load(cacheFile);
        ReferenceTurns.Embedder embed = new ReferenceTurns.Embedder(cache);

        List<Turn> turns = ReferenceTurns.read(turnsFile, options, embed);
        if (java.util.Arrays.stream(PROPAGATE).anyMatch(w -> w > 0)) {
            intents = ReferenceTurns.intents(turnsFile.toAbsolutePath().getParent().getParent(), turns, options, embed, PER_INTENT);
        }
        Training training = new Training(settings, options, texts -> embed.all(texts.stream().map(Texts::normalize).toList()));
        List<Criterion> asked = config.activeCriteria().stream().filter(c -> !c.deterministic()).toList();
        List<CriterionScorer> scorers = training.scorers(asked);
        List<float[]> background = new ArrayList<>();
        for (String b : Training.builtinNeutral()) {
            background.add(ReferenceProbes.features(List.of(embed.one(Texts.normalize(b))), List.of()));
        }
        List<ReferenceProbes.Probe> probes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        Map<String, boolean[]> oofFired = new LinkedHashMap<>();
        for (CriterionScorer scorer : scorers) {
            Criterion c = asked.stream().filter(x -> x.name().equals(scorer.name())).findFirst().orElseThrow();
            if (!labelled(c.name())) {
                continue;
            }
            double[] phraseScore = new double[turns.size()];
            for (int i = 0; i < turns.size(); i++) {
                double best = 0;
                for (float[] v : turns.get(i).pieces) {
                    best = Math.max(best, scorer.score(v));
                }
                phraseScore[i] = best;
            }
            long positives = turns.stream().filter(t -> t.fires.contains(c.name())).count();
            // no reference probe where the reference never fires (unless -DquietProbes): it has nothing to teach but silence,
            // and shipped, it once kept the project's own legal threats from firing at all.
            // Too few positives to learn a wording from: Refund requests (23 of 795) learnt the reference's terse requests and
            // stopped firing on the project's own refund transcripts (0 of 3)
            if ((positives == 0 && !QUIET_PROBES) || (positives > 0 && positives < MIN_POSITIVES)) {
                double th = scorer.threshold();
                String how = "phrase probe alone, threshold " + th;
                if (CALIBRATE_PHRASE >= 0) {
                    th = TuneSummary.calibrated(c.name(), turns, phraseScore, CALIBRATE_PHRASE);
                    how = String.format(Locale.ROOT, "phrase probe alone, threshold calibrated on TUNE %.2f (settings: %.2f)", th, scorer.threshold());
                }
                boolean[] f = new boolean[turns.size()];
                for (int i = 0; i < turns.size(); i++) {
                    f[i] = phraseScore[i] >= th;
                }
                oofFired.put(c.name(), f);
                report.append(c.name()).append(": ").append(how).append('\n');
                continue;
            }
            List<float[]> phrases = new ArrayList<>();
            for (String e : settings.criterion(c.name()).examples()) {
                phrases.add(ReferenceProbes.features(List.of(embed.one(Texts.normalize(e))), List.of()));
            }
            // counter-examples and what the description rules out are negatives, like the background
            List<float[]> negatives = new ArrayList<>(background);
            List<String> against = new ArrayList<>(settings.criterion(c.name()).counterExamples());
            against.addAll(Description.split(c.description()).excludes());
            for (String e : against) {
                negatives.add(ReferenceProbes.features(List.of(embed.one(Texts.normalize(e))), List.of()));
            }
            Choice choice = choose(c.name(), turns, negatives, phrases, phraseScore);
            boolean[] f = new boolean[turns.size()];
            for (int i = 0; i < turns.size(); i++) {
                f[i] = choice.blend * phraseScore[i] + (1 - choice.blend) * choice.oof[i] >= choice.threshold;
            }
            oofFired.put(c.name(), f);
            List<Row> rows = rows(c.name(), turns, t -> all || t.tune, negatives, phrases, choice.phraseWeight, choice.context,
                    choice.propagate);
            LogisticRegression lr = fit(rows, choice.l2);
            probes.add(new ReferenceProbes.Probe(c.name(), ReferenceProbes.sha1(c.description()), choice.blend, lr.weights(), lr.bias(),
                    all ? "all 795 reference turns" : "the TUNE part of the reference turns"));
            report.append(String.format(Locale.ROOT, "%s: l2 %.1f, example phrases weight %.1f, context %s, %sphrase-probe blend %.2f, "
                            + "threshold %.2f, cross-validated F1 on TUNE %.3f%n", c.name(), choice.l2, choice.phraseWeight,
                    choice.context ? "yes" : "no",
                    choice.propagate > 0 ? String.format(Locale.ROOT, "intent rows weight %.2f, ", choice.propagate) : "",
                    choice.blend, choice.threshold, choice.f1));
        }
        String summary = TuneSummary.of(turns, oofFired);
        if (System.getProperty("dump") != null) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < turns.size(); i++) {
                Turn t = turns.get(i);
                for (Map.Entry<String, boolean[]> e : oofFired.entrySet()) {
                    boolean want = t.fires.contains(e.getKey());
                    if (t.tune && want != e.getValue()[i]) {
                        d.append(t.id).append('\t').append(e.getKey()).append('\t').append(want ? "FN" : "FP").append('\n');
                    }
                }
            }
            Files.writeString(Path.of(System.getProperty("dump")), d);
        }
        String header = """
                Reference probes of the embedded classifier: logistic regression on bge-small-en-v1.5 embeddings of
                whole turns (and their earlier user messages), fitted by bench/fit-reference.sh (FitReferenceProbes)
                on %s: an LLM's labels of turns from HINT3, Banking77, CLINC150, Bitext and SGD (see NOTICE for
                their sources and licences), plus the project's own background messages, example phrases and
                counter-examples.
                Weights only; no text of any data set. Valid for the criterion descriptions whose SHA-1 is given.
                """.formatted(all ? "all 795 reference turns" : "the TUNE part of the reference turns") + report;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, ReferenceProbes.write(probes, header), StandardCharsets.UTF_8);
        cache.save(cacheFile);
        System.out.print(report);
        System.out.print(summary);
    }

    static boolean labelled(String criterion) {
        return List.of("user_frustration", "customer_support_suggestion", "irrelevant_advice", "asks_for_human",
                "Legal or safety threat", "Refund requests").contains(criterion);
    }

    static Choice choose(String criterion, List<Turn> turns, List<float[]> background, List<float[]> phrases, double[] phraseScore) {
        boolean quiet = turns.stream().noneMatch(t -> t.tune && t.fires.contains(criterion));
        Choice best = null;
        long labelled = turns.stream().filter(t -> t.fires.contains(criterion)).count();
        double[] weights = PHRASE_WEIGHT_FEW != null && labelled < FEW_POSITIVES ? PHRASE_WEIGHT_FEW
                : quiet ? new double[] {1} : PHRASE_WEIGHT;
        for (double l2 : L2) {
            for (double pw : weights) {
                for (boolean context : CONTEXT) {
                  for (double prop : quiet ? new double[] {0} : PROPAGATE) {
                    double[] oof = new double[turns.size()];
                    java.util.stream.IntStream.range(0, FOLDS).parallel().forEach(f -> {
                        LogisticRegression lr = fit(rows(criterion, turns, t -> t.tune && t.fold != f, background, phrases, pw, context,
                                prop), l2);
                        for (int i = 0; i < turns.size(); i++) {
                            Turn t = turns.get(i);
                            if (t.tune && t.fold == f) {
                                oof[i] = lr.probability(context ? t.features : withoutContext(t.features));
                            }
                        }
                    });
                    double[] knnOof = KNN.length > 1 || KNN[0] > 0 ? NearestTurns.outOfFold(criterion, turns, K) : new double[turns.size()];
                    long positives = turns.stream().filter(t -> t.fires.contains(criterion)).count();
                    for (double kw : KNN) {
                    double[] mixed = new double[turns.size()];
                    for (int i = 0; i < mixed.length; i++) {
                        mixed[i] = (1 - kw) * oof[i] + kw * knnOof[i];
                    }
                    for (double blend : BLEND) {
                        if (positives < FEW_POSITIVES && blend < MIN_BLEND_FEW) {
                            continue;
                        }
                        Choice c = bestThreshold(criterion, turns, mixed, phraseScore, l2, pw, context, blend, quiet);
                        c = c == null ? null : new Choice(c.l2, c.phraseWeight, c.context, c.blend, c.threshold, c.f1, mixed, prop);
                        if (c != null && (best == null || c.f1 > best.f1 + 1e-9)) {
                            best = c;
                            if (KNN.length > 1) {
                                System.err.printf(Locale.ROOT, "%s: knn weight %.2f l2 %.1f blend %.2f th %.2f f1 %.3f%n", criterion, kw, l2,
                                        blend, c.threshold, c.f1);
                            }
                        }
                    }
                    }
                  }
                }
            }
        }
        return best;
    }

    static Choice bestThreshold(String criterion, List<Turn> turns, double[] oof, double[] phraseScore, double l2, double pw,
                                boolean context, double blend, boolean quiet) {
        Choice best = null;
        for (int k = 50; k <= 95; k++) {
            double th = k / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int n = 0;
            int quietTurns = 0;
            int onQuiet = 0;
            for (int i = 0; i < turns.size(); i++) {
                Turn t = turns.get(i);
                if (!t.tune) {
                    continue;
                }
                n++;
                boolean fired = blend * phraseScore[i] + (1 - blend) * oof[i] >= th;
                boolean want = t.fires.contains(criterion);
                tp += fired && want ? 1 : 0;
                fp += fired && !want ? 1 : 0;
                fn += !fired && want ? 1 : 0;
                quietTurns += t.fires.isEmpty() ? 1 : 0;
                onQuiet += fired && t.fires.isEmpty() ? 1 : 0;
            }
            // a criterion the reference never fires: the lowest threshold that keeps it quiet (score: minus the firing rate)
            // otherwise the best F1 among thresholds that keep it quiet where nothing fires (a threshold that does not scores below any that does)
            double f1 = quiet ? (fp <= QUIET_RATE * n ? 1 - (double) fp / n - th / 1000 : -1)
                    : onQuiet <= MAX_ON_QUIET * quietTurns
                    ? (BY_ACCURACY ? 1 - (double) (fp + fn) / n : 2.0 * tp / Math.max(1, 2 * tp + fp + fn))
                    : -(double) onQuiet / quietTurns;
            if (best == null || f1 > best.f1 + 1e-9) {
                best = new Choice(l2, pw, context, blend, th, f1, null, 0);
            }
        }
        return best;
    }

    static float[] withoutContext(float[] features) {
        return ProbeFitting.withoutContext(features);
    }

    static List<Row> rows(String criterion, List<Turn> turns, java.util.function.Predicate<Turn> use, List<float[]> background,
                          List<float[]> phrases, double phraseWeight, boolean context, double propagate) {
        List<Row> rows = new ArrayList<>();
        Map<String, int[]> perIntent = new java.util.HashMap<>();
        int[] overall = new int[2];
        for (Turn t : turns) {
            if (use.test(t)) {
                boolean fires = t.fires.contains(criterion);
                rows.add(new Row(context ? t.features : withoutContext(t.features), fires ? 1 : 0, 1));
                String intent = intents.turnIntent().get(t.id);
                if (intent != null) {
                    int[] c = perIntent.computeIfAbsent(intent, k -> new int[2]);
                    c[0] += fires ? 1 : 0;
                    c[1]++;
                    overall[0] += fires ? 1 : 0;
                    overall[1]++;
                }
            }
        }
        if (propagate > 0 && overall[1] > 0) {
            double prior = (double) overall[0] / overall[1];
            for (IntentRow r : intents.rows()) {
                int[] c = perIntent.get(r.intent());
                if (c != null) {
                    double p = (c[0] + PRIOR_COUNT * prior) / (c[1] + PRIOR_COUNT);
                    if (p > 0) {
                        rows.add(new Row(r.features(), 1, propagate * p));
                    }
                    if (p < 1) {
                        rows.add(new Row(r.features(), 0, propagate * (1 - p)));
                    }
                }
            }
        }
        for (float[] b : background) {
            rows.add(new Row(b, 0, 1));
        }
        if (phraseWeight > 0) {
            for (float[] p : phrases) {
                rows.add(new Row(p, 1, phraseWeight));
            }
        }
        return rows;
    }

    static LogisticRegression fit(List<Row> rows, double l2) {
        return ProbeFitting.fit(rows, l2);
    }

    /** A comma-separated list of numbers from a system property. */
    static double[] doubles(String property, String fallback) {
        return java.util.Arrays.stream(System.getProperty(property, fallback).split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
