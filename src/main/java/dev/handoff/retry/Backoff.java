package dev.handoff.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff: the n-th failure in a row waits {@code first * 2^(n-1)}, never more than {@code max},
 * then spread by {@code jitter}; a {@code max} below {@code first} caps the first wait too. One rule for every retry loop of the tool (LLM requests, notification
 * deliveries, the tail's reconnects), so each only says how far apart its clients should spread.
 */
public record Backoff(Duration first, Duration max, Jitter jitter) {

    public enum Jitter {
        /** The exact delay: for a single client whose waits a user reads. */
        NONE,
        /** Between half and all of the delay, for processes that failed together and must not retry together. */
        HALF,
        /** Within 20% either side, for many clients reconnecting to one restarted server. */
        SPREAD
    }

    public Backoff {
        if (first.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a backoff delay cannot be negative: " + first + ", " + max);
        }
    }

    /** The wait after the {@code failures}-th failure in a row (1 for the first; 0 or less counts as 1). */
    public Duration after(int failures) {
        return after(failures, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same, with the random source in [0, 1) given, so that tests can pin it. */
    public Duration after(int failures, DoubleSupplier random) {
        long ceiling = max.toMillis();
        long delay = first.toMillis();
        for (int i = 1; i < failures && delay < ceiling; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, ceiling);
        double r = Math.max(0, Math.min(1, random.getAsDouble()));
        long spread = switch (jitter) {
            case NONE -> delay;
            case HALF -> Math.round(delay * (0.5 + 0.5 * r));
            case SPREAD -> Math.round(delay * (0.8 + 0.4 * r));
        };
        return Duration.ofMillis(jitter == Jitter.NONE || delay == 0 ? spread : Math.max(1, spread));
    }
}
