package dev.handoff.classify.openai;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The waits a server asks for with HTTP 429: each is capped (RetryAfter), a turn's together are
 * bounded, and a long one is said on stderr. Without that, a server answering 429 with a long
 * Retry-After kept a CI job silent for minutes, and by the per-wait cap alone up to hours a turn.
 */
final class RateLimitWaits {

    /** A wait at least this long is said. */
    static final Duration SAID_FROM = Duration.ofSeconds(10);
    /** A turn that would wait longer than this in all is given up (invalid output, no answer). */
    static final Duration TURN_BUDGET = Duration.ofMinutes(15);
    /** Concurrent requests meet the same limit: one note for them, not one each. */
    private static final long SAY_EVERY_MS = 30_000;

    private final Consumer<String> notices;
    private final LongSupplier millis;
    private final AtomicLong lastSaid = new AtomicLong(Long.MIN_VALUE / 2);

    RateLimitWaits(Consumer<String> notices, LongSupplier millis) {
        this.notices = notices;
        this.millis = millis;
    }

    /** False when {@code wait} after {@code waited} already would pass the turn's budget; else says a long wait. */
    boolean mayWait(Duration wait, Duration waited, String where) {
        if (waited.plus(wait).compareTo(TURN_BUDGET) > 0) {
            return false;
        }
        long now = millis.getAsLong();
        long last = lastSaid.get();
        if (wait.compareTo(SAID_FROM) >= 0 && now - last >= SAY_EVERY_MS && lastSaid.compareAndSet(last, now)) {
            notices.accept("rate limited (HTTP 429) by " + where + ": waiting " + shown(wait) + " as the server asks"
                    + " (a turn gives up after " + TURN_BUDGET.toMinutes() + " minutes of waiting)");
        }
        return true;
    }

    static String shown(Duration d) {
        long s = d.toSeconds();
        return s >= 120 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
