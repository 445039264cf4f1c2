package dev.handoff.classify.llm;

import dev.handoff.retry.Backoff;

import java.time.Duration;

/**
 * How often and how patiently a transient failure is retried: {@code attempts} calls in all,
 * waiting {@code first}, then twice as long each time, never more than {@code max}. No jitter: one
 * replay is one client, and its stderr summary reports the waits.
 */
public record RetryPolicy(int attempts, Duration first, Duration max) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8));

    /** The wait before call {@code attempt} (the second call is the first retry). */
    public Duration delayBefore(int attempt) {
        return new Backoff(first, max, Backoff.Jitter.NONE).after(attempt - 1);
    }
}
