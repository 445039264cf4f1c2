package dev.handoff.classify.embedding;

import java.util.List;

/**
 * How one criterion is scored: a score in [0, 1] per turn, firing at or above the threshold.
 *
 * @param anchors     the description and example phrases, for the rationale ("like ...") and the similarity method
 * @param anchorTexts their text, same order
 * @param positives   phrases the probe learned as "fires" (0 for the similarity method)
 * @param negatives   phrases it learned as "does not fire"
 * @param negativeVectors their vectors, for the nearest-phrase vote (empty for the similarity method)
 * @param knnWeight   weight of that vote in the score (0 = the probe alone)
 * @param knnScale    its steepness
 * @param reference   a probe fitted offline on an LLM's labels of whole turns for exactly this description, or one fitted at
 *                    load time on the evaluation settings' training turns (no description hash), or null
 */
record CriterionScorer(String name, Method method, double threshold, LogisticRegression probe, List<float[]> anchors,
                       List<String> anchorTexts, int positives, int negatives, List<float[]> negativeVectors,
                       double knnWeight, double knnScale, ReferenceProbes.Probe reference) {

    enum Method {
        /** A probe fitted at load time on the example phrases vs counter-examples and neutral phrases. */
        LOGISTIC("logistic probe"),
        /** Too few examples to learn from: the highest cosine similarity to the description or an example. */
        SIMILARITY("similarity to description");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    double score(float[] v) {
        if (method == Method.LOGISTIC) {
            double p = probe.probability(v);
            if (knnWeight <= 0 || negativeVectors.isEmpty()) {
                return p;
            }
            double margin = maxSimilarity(v) - best(negativeVectors, v);
            return (1 - knnWeight) * p + knnWeight * LogisticRegression.sigmoid(knnScale * margin);
        }
        return Math.max(0, maxSimilarity(v));
    }

    /**
     * The turn's score: the best piece's phrase score, or with a reference probe, that blended with the
     * reference probe's probability on the whole turn's features.
     */
    double combine(double phraseScore, float[] turnFeatures) {
        if (reference == null || turnFeatures == null) {
            return phraseScore;
        }
        return reference.blend() * phraseScore + (1 - reference.blend()) * reference.probability(turnFeatures);
    }

    CriterionScorer withReference(ReferenceProbes.Probe ref) {
        return new CriterionScorer(name, method, threshold, probe, anchors, anchorTexts, positives, negatives, negativeVectors,
                knnWeight, knnScale, ref);
    }

    private double maxSimilarity(float[] v) {
        return best(anchors, v);
    }

    private static double best(List<float[]> vectors, float[] v) {
        double best = -1;
        for (float[] a : vectors) {
            best = Math.max(best, Vectors.dot(a, v));
        }
        return best;
    }

    /** The description or example phrase closest to the turn, for a one-line rationale. */
    String nearestAnchor(float[] v) {
        int best = -1;
        double bestSim = -2;
        for (int i = 0; i < anchors.size(); i++) {
            double s = Vectors.dot(anchors.get(i), v);
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        return best < 0 ? "" : anchorTexts.get(best);
    }

    String describe() {
        String how = method == Method.LOGISTIC
                ? method.label + " on " + positives + " phrases vs " + negatives
                        + (knnWeight > 0 ? String.format(java.util.Locale.ROOT, ", blended %.2f with the nearest-phrase vote", knnWeight) : "")
                : method.label + " (add examples to train a probe)";
        String ref = reference == null ? ""
                : reference.descriptionSha1() == null
                ? String.format(java.util.Locale.ROOT, "; blended %.2f with a probe fitted on %s", 1 - reference.blend(), reference.fittedOn())
                : String.format(java.util.Locale.ROOT, "; blended %.2f with a probe fitted on an LLM's labels of whole turns (%s)",
                        1 - reference.blend(), reference.fittedOn());
        return "threshold " + threshold + ", " + how + ref;
    }
}
