package dev.handoff.queue.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th failure waits {@code first * 2^(n-1)}, at most
 * {@code max}, scaled by a random factor between 0.5 and 1 so that inboxes which failed together
 * (the chat service was down for all of them) do not all retry in the same second.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration first, Duration max, DoubleSupplier random) {
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    Duration after(int failures) {
        long ceiling = max.toMillis();
        long delay = first.toMillis();
        for (int i = 1; i < failures && delay < ceiling; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, ceiling);
        return Duration.ofMillis(Math.round(delay * (0.5 + 0.5 * random.getAsDouble())));
    }
}
