package dev.handoff.classify.embedding;

import java.util.List;

/**
 * A linear probe on sentence embeddings: L2-regularised logistic regression fitted with
 * Nesterov-accelerated gradient descent for a fixed number of steps, so the same examples
 * always give the same weights. A few hundred examples of 384 dimensions fit in milliseconds.
 * The two classes weigh the same in the loss whatever their sizes, so a criterion with a dozen
 * examples among hundreds of negatives still has its boundary near probability 0.5.
 */
final class LogisticRegression {

    private final float[] weights;
    private final double bias;

    private LogisticRegression(float[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * @param positives unit vectors of phrases where the criterion fires
     * @param negatives unit vectors of phrases where it does not
     * @param l2        regularisation strength (on the summed loss; the bias is not regularised)
     */
    static LogisticRegression fit(List<float[]> positives, List<float[]> negatives, double l2, int steps) {
        return balanced(positives, negatives, List.of(), 0, l2, steps);
    }

    /**
     * As {@link #fit(List, List, double, int)}, with the negatives in two groups: {@code hard} (near misses) gets
     * {@code hardShare} of the negatives' total weight, {@code negatives} the rest; a share of 0 (or an empty group)
     * weighs every negative alike.
     */
    static LogisticRegression fit(List<float[]> positives, List<float[]> negatives, List<float[]> hard, double hardShare,
                                  double l2, int steps) {
        if (hardShare <= 0 || hard.isEmpty() || negatives.isEmpty()) {
            List<float[]> all = new java.util.ArrayList<>(hard);
            all.addAll(negatives);
            return balanced(positives, all, List.of(), 0, l2, steps);
        }
        return balanced(positives, negatives, hard, hardShare, l2, steps);
    }

    private static LogisticRegression balanced(List<float[]> positives, List<float[]> negatives, List<float[]> hard,
                                                  double hardShare, double l2, int steps) {
        int n = positives.size() + negatives.size() + hard.size();
        float[][] x = new float[n][];
        double[] y = new double[n];
        double[] weight = new double[n];
        double positiveWeight = n / (2.0 * positives.size());
        double negativeWeight = (1 - hardShare) * n / (2.0 * negatives.size());
        double hardWeight = hard.isEmpty() ? 0 : hardShare * n / (2.0 * hard.size());
        int i = 0;
        for (float[] p : positives) {
            x[i] = p;
            weight[i] = positiveWeight;
            y[i++] = 1;
        }
        for (float[] q : negatives) {
            x[i] = q;
            weight[i] = negativeWeight;
            y[i++] = 0;
        }
        for (float[] q : hard) {
            x[i] = q;
            weight[i] = hardWeight;
            y[i++] = 0;
        }
        return fit(x, y, weight, l2, steps);
    }

    /**
     * @param x      one row per example
     * @param y      1 where the criterion fires, 0 where not
     * @param weight each example's weight in the loss (they should sum to about n)
     */
    static LogisticRegression fit(float[][] x, double[] y, double[] weight, double l2, int steps) {
        int n = x.length;
        int d = x[0].length;
        double maxWeight = 0;
        for (double q : weight) {
            maxWeight = Math.max(maxWeight, q);
        }
        // step 1/L, L the gradient's Lipschitz constant: the logistic loss curves at most 1/4
        double lipschitz = maxWeight * spectralNormSquared(x, d) / (4.0 * n) + l2 / n;
        double step = 1.0 / lipschitz;
        double[] w = new double[d + 1];
        double[] v = new double[d + 1];
        double[] grad = new double[d + 1];
        double t = 1;
        for (int s = 0; s < steps; s++) {
            java.util.Arrays.fill(grad, 0);
            for (int r = 0; r < n; r++) {
                float[] row = x[r];
                double z = v[d];
                for (int j = 0; j < d; j++) {
                    z += v[j] * row[j];
                }
                double err = (sigmoid(z) - y[r]) * weight[r];
                for (int j = 0; j < d; j++) {
                    grad[j] += err * row[j];
                }
                grad[d] += err;
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            for (int j = 0; j <= d; j++) {
                double g = grad[j] / n + (j < d ? l2 * v[j] / n : 0);
                double wNext = v[j] - step * g;
                v[j] = wNext + momentum * (wNext - w[j]);
                w[j] = wNext;
            }
            t = tNext;
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new LogisticRegression(weights, w[d]);
    }

    /** Largest eigenvalue of [X 1]^T [X 1], by power iteration (deterministic start). */
    private static double spectralNormSquared(float[][] x, int d) {
        double[] u = new double[d + 1];
        java.util.Arrays.fill(u, 1 / Math.sqrt(d + 1));
        double lambda = 0;
        double[] xu = new double[x.length];
        for (int it = 0; it < 50; it++) {
            for (int r = 0; r < x.length; r++) {
                double z = u[d];
                for (int j = 0; j < d; j++) {
                    z += x[r][j] * u[j];
                }
                xu[r] = z;
            }
            double[] next = new double[d + 1];
            for (int r = 0; r < x.length; r++) {
                for (int j = 0; j < d; j++) {
                    next[j] += x[r][j] * xu[r];
                }
                next[d] += xu[r];
            }
            double norm = 0;
            for (double q : next) {
                norm += q * q;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 1;
            }
            lambda = norm;
            for (int j = 0; j <= d; j++) {
                u[j] = next[j] / norm;
            }
        }
        return lambda;
    }

    float[] weights() {
        return weights.clone();
    }

    double bias() {
        return bias;
    }

    /** The probability that the criterion fires for this unit vector. */
    double probability(float[] x) {
        return sigmoid(Vectors.dot(weights, x) + bias);
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
