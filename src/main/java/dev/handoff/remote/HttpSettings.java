package dev.handoff.remote;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * How the tool talks HTTP: timeouts, the retry budget, and where request lines and retry
 * notices go. Sleeping, the clock and the jitter are injectable so retry tests run instantly.
 *
 * @param maxAttempts   attempts per request, first one included (1 disables retries)
 * @param backoffBase   first backoff; doubles per attempt, with jitter
 * @param backoffCap    longest backoff between two attempts
 * @param retryAfterCap longest {@code Retry-After} the tool honours; a longer one fails at once
 * @param jitter        a number in [0, 1) per call
 * @param requestLog    request and response lines (--verbose); null for none
 * @param notices       retry notices a user should see; null for none
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration backoffBase,
                           Duration backoffCap, Duration retryAfterCap, Sleeper sleeper, Clock clock,
                           DoubleSupplier jitter, Consumer<String> requestLog, Consumer<String> notices) {

    public static final int MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public HttpSettings {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_ATTEMPTS);
        }
    }

    public static HttpSettings defaults() {
        Random random = new Random();
        return new HttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, MAX_ATTEMPTS, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(60), Sleeper.real(), Clock.systemUTC(), random::nextDouble,
                null, null);
    }

    public HttpSettings withTimeouts(Duration connect, Duration read) {
        return new HttpSettings(connect, read, maxAttempts, backoffBase, backoffCap, retryAfterCap, sleeper, clock, jitter,
                requestLog, notices);
    }

    public HttpSettings withLogs(Consumer<String> requestLog, Consumer<String> notices) {
        return new HttpSettings(connectTimeout, readTimeout, maxAttempts, backoffBase, backoffCap, retryAfterCap, sleeper,
                clock, jitter, requestLog, notices);
    }
}
