package dev.handoff.classify.openai;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a 429 asks us to wait, from its headers: {@code retry-after-ms}, then
 * {@code Retry-After} (seconds or an HTTP date), then the reset time of the exhausted budget
 * ({@code x-ratelimit-reset-requests} / {@code -tokens}, Go-style durations such as "1s",
 * "6m0s", "20ms"). Null when the server says nothing.
 */
final class RetryAfter {

    /** Never wait longer than this for one retry, whatever a header says. */
    static final Duration MAX = Duration.ofMinutes(5);

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|h|m|s)");

    private RetryAfter() {
    }

    /** @param header the value of a response header by (case-insensitive) name, or null */
    static Duration of(Function<String, String> header, java.time.Instant now) {
        // "now" (zero) or a negative wait is no wait of the server's own: the next header, else our
        // backoff applies (taken literally, thirty requests went in a burst and the turn was lost)
        Duration d = positive(millis(header.apply("retry-after-ms")));
        if (d == null) {
            d = positive(retryAfter(header.apply("retry-after"), now));
        }
        if (d == null) {
            Duration requests = goDuration(header.apply("x-ratelimit-reset-requests"));
            Duration tokens = goDuration(header.apply("x-ratelimit-reset-tokens"));
            boolean requestsOut = "0".equals(trim(header.apply("x-ratelimit-remaining-requests")));
            boolean tokensOut = "0".equals(trim(header.apply("x-ratelimit-remaining-tokens")));
            if (requestsOut && !tokensOut) {
                d = requests;
            } else if (tokensOut && !requestsOut) {
                d = tokens;
            } else {
                d = max(requests, tokens);
            }
        }
        d = positive(d);
        return d == null ? null : (d.compareTo(MAX) > 0 ? MAX : d);
    }

    private static Duration positive(Duration d) {
        return d == null || d.isNegative() || d.isZero() ? null : d;
    }

    static Duration millis(String value) {
        try {
            return value == null ? null : Duration.ofMillis(Math.round(Double.parseDouble(value.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Duration retryAfter(String value, java.time.Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                return Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** "1s", "6m0s", "20ms", "1h2m3.5s", "0.5s"; null when it is none of these. */
    static Duration goDuration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(v);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            end = m.end();
        }
        return end == v.length() && end > 0 ? Duration.ofNanos((long) nanos) : null;
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }
}
