package dev.handoff.remote;

import dev.handoff.retry.Backoff;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * When to try a request again and how long to wait first.
 *
 * <p>Only requests that are safe to repeat are retried on an answer or a broken connection: GET,
 * and POST/PATCH carrying an {@code Idempotency-Key} (the server drops the duplicate). Any other
 * request (a PUT) is retried only when the connection failed before a byte was sent, because the
 * server may already have applied it.
 */
final class RetryPolicy {

    /** Answers that say "not now" rather than "no". */
    static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 502, 503, 504);

    private final HttpSettings settings;

    RetryPolicy(HttpSettings settings) {
        this.settings = settings;
    }

    int maxAttempts() {
        return settings.maxAttempts();
    }

    /** Exponential backoff after the given failed attempt (1-based), with "equal jitter". */
    Duration backoff(int failedAttempt) {
        return new Backoff(settings.backoffBase(), settings.backoffCap(), Backoff.Jitter.HALF)
                .after(failedAttempt, settings.jitter());
    }

    /** The wait a {@code Retry-After} header asks for (delta-seconds or an HTTP date), if it parses. */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofDays(1)); // absurdly long: treated as "beyond the cap"
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(settings.clock().instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    boolean beyondCap(Duration wait) {
        return wait.compareTo(settings.retryAfterCap()) > 0;
    }

    Duration retryAfterCap() {
        return settings.retryAfterCap();
    }
}
