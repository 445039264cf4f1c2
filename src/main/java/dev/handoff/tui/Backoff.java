package dev.handoff.tui;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays with jitter, so a restarted inbox is not hit by every tail at once. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private int attempt;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    synchronized Duration next() {
        long base = initial.toMillis() << Math.min(attempt, 16);
        attempt++;
        long capped = Math.min(base, max.toMillis());
        // +-20% so that clients spread out
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(1, capped + jitter));
    }

    synchronized void reset() {
        attempt = 0;
    }
}
