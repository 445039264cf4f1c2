package dev.handoff.classify.embedding;

import java.util.List;

/**
 * Build-time lever of FitReferenceProbes ({@code -Dknn=...}): a vote of the most similar labelled turns beside the probe.
 * Tried on TUNE (docs/embedded-classifier.md, "Levers tried"), not shipped.
 */
final class NearestTurns {

    private NearestTurns() {
    }

    /** Out-of-fold share of positives among the k most similar TUNE turns of the other folds (cosine, no context). */
    static double[] outOfFold(String criterion, List<FitReferenceProbes.Turn> turns, int k) {
        double[] out = new double[turns.size()];
        float[][] unit = new float[turns.size()][];
        for (int i = 0; i < turns.size(); i++) {
            float[] v = ProbeFitting.withoutContext(turns.get(i).features());
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            float[] u = new float[v.length];
            for (int j = 0; j < v.length; j++) {
                u[j] = (float) (v[j] / Math.sqrt(Math.max(n, 1e-12)));
            }
            unit[i] = u;
        }
        for (int i = 0; i < turns.size(); i++) {
            FitReferenceProbes.Turn t = turns.get(i);
            if (!t.tune()) {
                continue;
            }
            java.util.PriorityQueue<double[]> top = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            for (int j = 0; j < turns.size(); j++) {
                FitReferenceProbes.Turn o = turns.get(j);
                if (!o.tune() || o.fold() == t.fold()) {
                    continue;
                }
                double sim = 0;
                for (int d = 0; d < unit[i].length; d++) {
                    sim += unit[i][d] * unit[j][d];
                }
                top.add(new double[] {sim, o.fires().contains(criterion) ? 1 : 0});
                if (top.size() > k) {
                    top.poll();
                }
            }
            double w = 0;
            double p = 0;
            for (double[] e : top) {
                double weight = Math.exp(10 * e[0]);
                w += weight;
                p += weight * e[1];
            }
            out[i] = w == 0 ? 0 : p / w;
        }
        return out;
    }

}
