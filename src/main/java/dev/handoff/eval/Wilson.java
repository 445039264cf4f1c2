package dev.handoff.eval;

/** The Wilson score interval for a binomial proportion: sensible also for 0 of n and small n. */
public record Wilson(double low, double high) {

    private static final double Z95 = 1.959963984540054;

    /** The 95% interval of {@code successes / trials}, or null when there are no trials. */
    public static Wilson of(long successes, long trials) {
        if (trials <= 0) {
            return null;
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return new Wilson(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
