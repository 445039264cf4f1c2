package dev.handoff.classify.llm;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many requests may be in flight, adjusted to what the server lets through: halved when it
 * answers "too many requests" (429), then raised again by one for every full window of answered
 * requests (additive increase, multiplicative decrease, as TCP does).
 *
 * <p>429s that arrive within {@code calm} of a halving count as the same burst and do not halve
 * again: the requests behind them were already in flight when the limit went down, and a server
 * that refuses a share of requests at random would otherwise drive the limit to one.
 */
public final class AdaptiveLimiter {

    private final int max;
    private final long calmNanos;
    private final LongSupplier clock;
    private double limit;
    private int inFlight;
    private long lastHalving;
    private boolean halvedOnce;
    private long halvings;
    private int lowest;

    public AdaptiveLimiter(int max, Duration calm) {
        this(max, calm, System::nanoTime);
    }

    AdaptiveLimiter(int max, Duration calm, LongSupplier clock) {
        this.max = Math.max(1, max);
        this.calmNanos = calm.toNanos();
        this.clock = clock;
        this.limit = this.max;
        this.lowest = this.max;
    }

    /** Waits for a free slot; pair with {@link #release()}. */
    public synchronized void acquire() throws InterruptedException {
        while (inFlight >= (int) limit) {
            wait();
        }
        inFlight++;
    }

    public synchronized void release() {
        inFlight--;
        notifyAll();
    }

    /** An answered request: one more slot after a full window of them. */
    public synchronized void succeeded() {
        if (limit < max) {
            limit = Math.min(max, limit + 1.0 / limit);
            notifyAll();
        }
    }

    /** A 429: halve, unless this is the same burst as the last halving. */
    public synchronized void rateLimited() {
        long now = clock.getAsLong();
        if (halvedOnce && now - lastHalving < calmNanos) {
            return;
        }
        limit = Math.max(1, limit / 2);
        lowest = Math.min(lowest, (int) limit);
        lastHalving = now;
        halvedOnce = true;
        halvings++;
    }

    public synchronized int limit() {
        return (int) limit;
    }

    public synchronized int lowest() {
        return lowest;
    }

    public synchronized long halvings() {
        return halvings;
    }
}
