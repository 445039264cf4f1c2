package dev.handoff.classify.ollama;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A 429 or 503 whose {@code Retry-After} says how long to wait: a gateway or proxy in front of
 * Ollama rate-limiting it. Retried at the fixed backoff alone (0.5, 1, 2 s), a turn asked to wait
 * 30 s was lost as invalid output after its last attempt, and a run with no --max-invalid passed.
 */
final class WaitAsked extends HttpException {

    /** The longest wait honoured per attempt: a gateway asking for an hour ends the turn at the usual attempts instead. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final Duration wait;

    WaitAsked(int status, String body, Duration wait) {
        super(status, body);
        this.wait = wait;
    }

    /** What the server asked for, uncapped. */
    Duration waitAsked() {
        return wait;
    }

    /** The wait a 429 or 503 asks for (seconds or an HTTP date), uncapped; else null. */
    static Duration asked(int status, String retryAfter, Instant now) {
        if ((status != 429 && status != 503) || retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        Duration d;
        String v = retryAfter.strip();
        try {
            d = v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v))
                    : Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException unreadable) {
            return null;
        }
        return d.isNegative() || d.isZero() ? null : d;
    }

    static Duration capped(Duration d) {
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }
}
