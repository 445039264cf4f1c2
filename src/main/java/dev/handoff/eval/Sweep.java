package dev.handoff.eval;

import dev.handoff.transcript.Expectation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision, recall and false-positive rate of each criterion across score thresholds
 * ({@code --sweep}). For threshold t a criterion fires at the first user turn where its score is
 * at least t, and is scored on its own by the scoring rules (as if it were the only criterion).
 * Thresholds are 0, 0.005, ..., 1: classifiers give scores in [0, 1].
 */
public final class Sweep {

    public static final int STEPS = 200;
    static final int TP = 0;
    static final int FP = 1;
    static final int FN = 2;
    static final int TN = 3;

    /** criterion -> [TP, FP, FN, TN][threshold index]. */
    private final Map<String, long[][]> counts = new LinkedHashMap<>();
    private final Map<String, Boolean> scored = new LinkedHashMap<>();
    private final double targetFpRate;
    private final Map<String, Double> configured;

    /**
     * @param targetFpRate the false-positive rate a suggested threshold must not exceed
     * @param configured   the thresholds the evaluation settings set now, per criterion
     */
    public Sweep(List<String> criteria, double targetFpRate, Map<String, Double> configured) {
        this.targetFpRate = targetFpRate;
        this.configured = Map.copyOf(configured);
        for (String c : criteria) {
            counts.put(c, new long[4][STEPS + 1]);
            scored.put(c, false);
        }
    }

    public double targetFpRate() {
        return targetFpRate;
    }

    /** The threshold the evaluation settings give this criterion now, or null. */
    public Double configuredThreshold(String criterion) {
        return configured.get(criterion);
    }

    Map<String, Double> configured() {
        return configured;
    }

    public static double threshold(int index) {
        return index / (double) STEPS;
    }

    /** One score trace point: from {@code turn} on, the criterion's highest score so far is {@code max}. */
    public record Point(int turn, double max) {
    }

    /**
     * @param traces per criterion, the turns at which its running maximum score rose (increasing
     *               {@code max}); a criterion without a trace never fires at any threshold
     */
    public void add(Expectation expect, Map<String, List<Point>> traces) {
        for (var e : counts.entrySet()) {
            String c = e.getKey();
            long[][] k = e.getValue();
            List<Point> trace = traces.getOrDefault(c, List.of());
            if (!trace.isEmpty()) {
                scored.put(c, true);
            }
            boolean listed = expect.criteria().contains(c);
            boolean reasonOk = expect.criteria().isEmpty() || listed;
            int j = 0;
            for (int i = 0; i <= STEPS; i++) {
                double t = threshold(i);
                while (j < trace.size() && trace.get(j).max() < t) {
                    j++;
                }
                if (j < trace.size()) {
                    int turn = trace.get(j).turn();
                    boolean tp = expect.handoff() && reasonOk && (expect.turn() == null || turn >= expect.turn());
                    k[tp ? TP : FP][i]++;
                    if (!tp && expect.handoff() && listed) {
                        k[FN][i]++;
                    }
                } else if (expect.handoff() && listed) {
                    k[FN][i]++;
                } else {
                    k[TN][i]++;
                }
            }
        }
    }

    /** Adds another sweep's counts (a shard's). */
    void absorb(String criterion, long[][] theirs, boolean theyScored) {
        long[][] mine = counts.computeIfAbsent(criterion, c -> new long[4][STEPS + 1]);
        for (int r = 0; r < 4; r++) {
            for (int i = 0; i <= STEPS; i++) {
                mine[r][i] += theirs[r][i];
            }
        }
        scored.merge(criterion, theyScored, Boolean::logicalOr);
    }

    public List<String> criteria() {
        return new ArrayList<>(counts.keySet());
    }

    /** False when the classifier never gave this criterion a score. */
    public boolean hasScores(String criterion) {
        return scored.getOrDefault(criterion, false);
    }

    public boolean anyScores() {
        return scored.containsValue(true);
    }

    long[][] counts(String criterion) {
        return counts.get(criterion);
    }

    public Row row(String criterion, int index) {
        long[][] k = counts.get(criterion);
        return new Row(threshold(index), k[TP][index], k[FP][index], k[FN][index], k[TN][index]);
    }

    public record Row(double threshold, long tp, long fp, long fn, long tn) {
        public Double precision() {
            return tp + fp == 0 ? null : (double) tp / (tp + fp);
        }

        public Double recall() {
            return tp + fn == 0 ? null : (double) tp / (tp + fn);
        }

        public Double fpRate() {
            return fp + tn == 0 ? null : (double) fp / (fp + tn);
        }

        public Wilson fpRateInterval() {
            return Wilson.of(fp, fp + tn);
        }
    }

    /**
     * The lowest threshold (so the highest recall) whose false-positive rate is at most the
     * target, or null when none reaches it or there are no negatives to measure it on.
     */
    public Row suggest(String criterion) {
        if (!hasScores(criterion)) {
            return null;
        }
        for (int i = 0; i <= STEPS; i++) {
            Row r = row(criterion, i);
            if (r.fpRate() != null && r.fpRate() <= targetFpRate && r.tp() + r.fp() > 0) {
                return r;
            }
        }
        return null;
    }
}
