package dev.handoff.classify.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures FitReferenceProbes tunes on: TUNE alone, out of fold where a probe was fitted on TUNE. */
final class TuneSummary {

    private TuneSummary() {
    }

    /** Best TUNE F1 among thresholds firing on at most {@code cap} of the TUNE turns where the reference fires nothing. */
    static double calibrated(String criterion, List<FitReferenceProbes.Turn> turns, double[] score, double cap) {
        double bestTh = 0.99;
        double bestF1 = -1;
        for (int k = 50; k <= 99; k++) {
            double th = k / 100.0;
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int quiet = 0;
            int onQuiet = 0;
            for (int i = 0; i < turns.size(); i++) {
                FitReferenceProbes.Turn t = turns.get(i);
                if (!t.tune()) {
                    continue;
                }
                boolean fired = score[i] >= th;
                boolean want = t.fires().contains(criterion);
                tp += fired && want ? 1 : 0;
                fp += fired && !want ? 1 : 0;
                fn += !fired && want ? 1 : 0;
                quiet += t.fires().isEmpty() ? 1 : 0;
                onQuiet += fired && t.fires().isEmpty() ? 1 : 0;
            }
            // a criterion the reference never fires has F1 0 at any threshold: then the lowest that keeps it quiet
            double f1 = 2.0 * tp / Math.max(1, 2 * tp + fp + fn);
            if (onQuiet <= cap * quiet && f1 > bestF1 + 1e-9) {
                bestF1 = f1;
                bestTh = th;
            }
        }
        return bestTh;
    }

    /**
     * Cross-validated agreement on TUNE over the labelled criteria: out-of-fold decisions for probes fitted on TUNE, the
     * phrase probe's own decisions (not fitted on TUNE) for the rest. The figure to tune on; REPORT stays unseen.
     */
    static String of(List<FitReferenceProbes.Turn> turns, Map<String, boolean[]> fired) {
        int n = 0;
        int exact = 0;
        int quiet = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        Map<String, int[]> per = new LinkedHashMap<>();
        fired.keySet().forEach(c -> per.put(c, new int[4]));
        for (int i = 0; i < turns.size(); i++) {
            FitReferenceProbes.Turn t = turns.get(i);
            if (!t.tune()) {
                continue;
            }
            n++;
            quiet += t.fires().isEmpty() ? 1 : 0;
            boolean same = true;
            for (var e : fired.entrySet()) {
                boolean want = t.fires().contains(e.getKey());
                boolean got = e.getValue()[i];
                same &= want == got;
                int[] k = per.get(e.getKey());
                k[0] += want && got ? 1 : 0;
                k[1] += !want && got ? 1 : 0;
                k[2] += want && !got ? 1 : 0;
                k[3] += t.fires().isEmpty() && got ? 1 : 0;
            }
            exact += same ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder();
        for (var e : per.entrySet()) {
            int[] k = e.getValue();
            tp += k[0];
            fp += k[1];
            fn += k[2];
            sb.append(String.format(Locale.ROOT, "  %s: TP %d, FP %d, FN %d, fires on %.1f%% of the turns where the reference fires nothing%n",
                    e.getKey(), k[0], k[1], k[2], 100.0 * k[3] / Math.max(1, quiet)));
        }
        return String.format(Locale.ROOT, "TUNE, cross-validated (%d turns): micro-F1 %.3f (TP %d, FP %d, FN %d), exact per-turn agreement %.1f%%%n",
                n, 2.0 * tp / Math.max(1, 2 * tp + fp + fn), tp, fp, fn, 100.0 * exact / n) + sb;
    }
}
