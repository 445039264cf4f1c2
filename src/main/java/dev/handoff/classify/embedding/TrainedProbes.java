package dev.handoff.classify.embedding;

import dev.handoff.classify.embedding.ProbeFitting.Agreement;
import dev.handoff.classify.embedding.ProbeFitting.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-criterion probes fitted at load time on a team's own labelled turns ({@link TrainingSet}), the same
 * way as the reference probes (class-balanced logistic regression on whole-turn features, the built-in
 * background messages as negatives), and how far each agrees with those labels on held-out folds. The
 * folds are fixed by a hash of the transcript id, so every turn of one conversation is held out together
 * and a rerun gives the same figures. A probe found here takes the place of a shipped reference probe:
 * the team's own LLM on its own traffic is the better guide.
 */
final class TrainedProbes {

    /** Fewer positive turns than this and a criterion keeps its other probes: a handful of turns is a wording, not a rule. */
    static final int MIN_POSITIVES = 5;
    static final double L2 = 1.0;

    /**
     * One criterion's outcome.
     *
     * @param probe     null when not fitted (too few positives or negatives)
     * @param agreement cross-validated, at the criterion's threshold, with the probe blended as replay blends it; null when not fitted
     */
    record Outcome(String criterion, ReferenceProbes.Probe probe, Agreement agreement, int positives, int negatives) {

        String describe(int folds, double blend) {
            if (probe == null) {
                return String.format(Locale.ROOT, "not fitted: %d turns fire it and %d do not (needs %d of each)", positives, negatives,
                        MIN_POSITIVES);
            }
            if (agreement == null) {
                return String.format(Locale.ROOT, "not cross-validated: the %d labelled turns are in too few transcripts to hold some out"
                        + " and learn from the rest (fitted on all of them; blended %.2f): its agreement is unknown", positives + negatives,
                        1 - blend);
            }
            return String.format(Locale.ROOT, "%d-fold cross-validated agreement with the training labels: %s; fitted probe blended %.2f",
                    folds, agreement.describe(), 1 - blend);
        }
    }

    /**
     * A labelled turn as the classifier sees it.
     *
     * @param phraseScores criterion -> score of the phrase probe (fitted on the settings' phrases, never on these turns)
     */
    record Example(String transcriptId, float[] features, Map<String, Double> phraseScores, Map<String, Boolean> labels) {
    }

    private TrainedProbes() {
    }

    static Map<String, Outcome> fit(List<CriterionScorer> scorers, List<Example> examples, List<float[]> background, int folds,
                                    double blend, String fittedOn) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        int[] fold = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            fold[i] = ProbeFitting.fold(examples.get(i).transcriptId(), folds);
        }
        for (CriterionScorer s : scorers) {
            String c = s.name();
            int pos = 0;
            int neg = 0;
            for (Example e : examples) {
                Boolean fires = e.labels().get(c);
                if (fires != null) {
                    pos += fires ? 1 : 0;
                    neg += fires ? 0 : 1;
                }
            }
            if (pos < MIN_POSITIVES || neg < MIN_POSITIVES) {
                out.put(c, new Outcome(c, null, null, pos, neg));
                continue;
            }
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int n = 0;
            // a fold counts when it holds labelled turns and the others hold both kinds to learn from: with every turn in one
            // transcript, "5-fold ... F1 0.00" came from a probe that had no positive left to learn
            int usable = 0;
            for (int f = 0; f < folds; f++) {
                int held = f;
                boolean holds = false;
                boolean learnsYes = false;
                boolean learnsNo = false;
                for (int i = 0; i < examples.size(); i++) {
                    Boolean want = examples.get(i).labels().get(c);
                    if (want != null) {
                        holds |= fold[i] == held;
                        learnsYes |= fold[i] != held && want;
                        learnsNo |= fold[i] != held && !want;
                    }
                }
                if (!(holds && learnsYes && learnsNo)) {
                    continue; // nothing to hold out, or one kind missing to learn from: this fold says nothing
                }
                usable++;
                LogisticRegression lr = ProbeFitting.fit(rows(c, examples, background, i -> fold[i] != held), L2);
                for (int i = 0; i < examples.size(); i++) {
                    Example e = examples.get(i);
                    Boolean want = e.labels().get(c);
                    if (fold[i] != held || want == null) {
                        continue;
                    }
                    double score = blend * e.phraseScores().get(c) + (1 - blend) * lr.probability(ProbeFitting.withoutContext(e.features()));
                    boolean fired = score >= s.threshold();
                    n++;
                    tp += fired && want ? 1 : 0;
                    fp += fired && !want ? 1 : 0;
                    fn += !fired && want ? 1 : 0;
                }
            }
            LogisticRegression all = ProbeFitting.fit(rows(c, examples, background, i -> true), L2);
            ReferenceProbes.Probe probe = new ReferenceProbes.Probe(c, null, blend, all.weights(), all.bias(), fittedOn);
            out.put(c, new Outcome(c, probe, usable >= 2 ? new Agreement(tp, fp, fn, n) : null, pos, neg));
        }
        return out;
    }

    private static List<Row> rows(String criterion, List<Example> examples, List<float[]> background,
                                  java.util.function.IntPredicate use) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Boolean fires = examples.get(i).labels().get(criterion);
            if (fires != null && use.test(i)) {
                rows.add(new Row(ProbeFitting.withoutContext(examples.get(i).features()), fires ? 1 : 0, 1));
            }
        }
        // ordinary messages from many domains fire nothing: the probe learns that most messages are quiet
        for (float[] b : background) {
            rows.add(new Row(b, 0, 1));
        }
        return rows;
    }
}
