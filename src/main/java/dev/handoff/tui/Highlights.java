package dev.handoff.tui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * New Pending arrivals an operator has not looked at yet: each is marked until the cursor visits
 * it or {@code highlightFor} passes, and counted once for the bell.
 */
final class Highlights {

    private final Clock clock;
    private final Duration highlightFor;
    private final Map<Long, Instant> since = new HashMap<>();
    private int newArrivals;

    Highlights(Clock clock, Duration highlightFor) {
        this.clock = clock;
        this.highlightFor = highlightFor;
    }

    void add(long id) {
        since.put(id, clock.instant());
        newArrivals++;
    }

    /** Seen, claimed or gone: no longer new. */
    void remove(long id) {
        since.remove(id);
    }

    void keepOnly(LongPredicate queued) {
        since.keySet().removeIf(id -> !queued.test(id));
    }

    boolean contains(long id) {
        Instant at = since.get(id);
        return at != null && clock.instant().isBefore(at.plus(highlightFor));
    }

    /** Forgets highlights that timed out. */
    void expire() {
        Instant now = clock.instant();
        for (Iterator<Instant> it = since.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().plus(highlightFor))) {
                it.remove();
            }
        }
    }

    /** Arrivals since the last call. */
    int takeNewArrivals() {
        int n = newArrivals;
        newArrivals = 0;
        return n;
    }
}
