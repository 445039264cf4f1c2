package dev.handoff.classify.llm;

import java.time.Duration;

/**
 * How often and how patiently a transient failure is retried: {@code attempts} calls in all,
 * waiting {@code first}, then twice as long each time, never more than {@code max}.
 */
public record Backoff(int attempts, Duration first, Duration max) {

    public static final Backoff DEFAULT = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(8));

    /** The wait before call {@code attempt} (the second call is the first retry). */
    public Duration delayBefore(int attempt) {
        long ms = first.toMillis() << Math.min(20, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
