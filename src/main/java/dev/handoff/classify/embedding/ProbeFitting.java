package dev.handoff.classify.embedding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the probes fitted on labelled whole turns share, whether offline on an LLM's reference labels
 * ({@code FitReferenceProbes}) or at load time on a team's recorded verdicts ({@link TrainedProbes}):
 * class-balanced logistic regression on turn features, folds fixed by a hash, and agreement counts.
 */
final class ProbeFitting {

    static final int STEPS = 300;

    /** One training example: turn features ({@link ReferenceProbes#features}), 1 or 0, and its weight before balancing. */
    record Row(float[] x, double y, double weight) {
    }

    /** Counts of a probe's decisions against labels. */
    record Agreement(int tp, int fp, int fn, int n) {

        double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        }

        double f1() {
            return 2 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2 * tp + fp + fn);
        }

        int positives() {
            return tp + fn;
        }

        String describe() {
            return String.format(Locale.ROOT, "precision %s, recall %s, F1 %s (n %d, %d positive)", two(precision()), two(recall()),
                    two(f1()), n, positives());
        }

        private static String two(double x) {
            return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
        }
    }

    private ProbeFitting() {
    }

    /** Class-balanced: the positives weigh as much in the loss as the negatives together. */
    static LogisticRegression fit(List<Row> rows, double l2) {
        double pos = 0;
        double neg = 0;
        for (Row r : rows) {
            if (r.y() > 0) {
                pos += r.weight();
            } else {
                neg += r.weight();
            }
        }
        int n = rows.size();
        float[][] x = new float[n][];
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i] = r.x();
            y[i] = r.y();
            w[i] = r.weight() * (r.y() > 0 ? n / (2 * pos) : n / (2 * neg));
        }
        return LogisticRegression.fit(x, y, w, l2, STEPS);
    }

    /** The features with the earlier user messages' half zeroed: the turn alone. */
    static float[] withoutContext(float[] features) {
        float[] out = features.clone();
        Arrays.fill(out, out.length / 2, out.length, 0f);
        return out;
    }

    /** A fold in [0, folds) fixed by the SHA-1 of an id, so a rerun splits the same way. */
    static int fold(String id, int folds) {
        byte[] h = sha1(id);
        return (h[1] & 0xff) % folds;
    }

    static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
