package dev.handoff.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The first {@code cap} examples by ordinal, and how many there were in all. Keeping the
 * smallest ordinals (not the first added) makes shard reports merge to exactly the unsharded
 * lists, whatever order they arrive in.
 */
final class Capped {

    private final int cap;
    private final TreeMap<Long, Example> kept = new TreeMap<>();
    private long total;

    Capped(int cap) {
        this.cap = cap;
    }

    void add(Example e) {
        total++;
        keep(e);
    }

    /** Adds examples from another list whose total is already counted in {@code total}. */
    void absorb(List<Example> examples, long theirTotal) {
        total += theirTotal;
        examples.forEach(this::keep);
    }

    private void keep(Example e) {
        kept.put(e.ordinal(), e);
        if (kept.size() > cap) {
            kept.pollLastEntry();
        }
    }

    List<Example> examples() {
        return new ArrayList<>(kept.values());
    }

    long total() {
        return total;
    }
}
