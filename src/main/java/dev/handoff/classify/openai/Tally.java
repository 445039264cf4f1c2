package dev.handoff.classify.openai;

import java.util.concurrent.atomic.AtomicLong;

/** Running token totals, safe to add to from many workers. */
final class Tally {

    final AtomicLong prompt = new AtomicLong();
    final AtomicLong cached = new AtomicLong();
    final AtomicLong completion = new AtomicLong();

    void add(Usage u) {
        prompt.addAndGet(u.prompt());
        cached.addAndGet(u.cached());
        completion.addAndGet(u.completion());
    }

    /** Cached prompt tokens as a share of all prompt tokens, 0 to 1. */
    double cachedShare() {
        long p = prompt.get();
        return p == 0 ? 0 : (double) cached.get() / p;
    }
}
