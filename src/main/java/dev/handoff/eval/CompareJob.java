package dev.handoff.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code replay --compare}: the same transcripts through the base configuration, then the
 * current one, each outcome spooled, then paired. A question both configurations ask the same
 * way is answered once when the requests share a {@code VerdictTap}.
 */
public final class CompareJob {

    /** @param statistics classifier counters of both runs, prefixed "base " for the base's */
    public record Result(Comparison comparison, Map<String, String> statistics) {
    }

    private CompareJob() {
    }

    /** Both requests must spool their outcomes. */
    public static Result run(ReplayJob.Request base, ReplayJob.Request current, LongConsumer progress) {
        return run(base, current, progress, turns -> { });
    }

    /** @param turns told the user turns answered so far, both runs together: a slow model moves it between transcripts */
    public static Result run(ReplayJob.Request base, ReplayJob.Request current, LongConsumer progress, LongConsumer turns) {
        // progress counts both runs: the current one's transcripts come after all of the base's
        long[] baseDone = {0, 0};
        try (ReplayJob.Result b = ReplayJob.run(base, n -> {
                 baseDone[0] = n;
                 progress.accept(n);
             }, t -> {
                 baseDone[1] = t;
                 turns.accept(t);
             });
             ReplayJob.Result c = ReplayJob.run(current, n -> progress.accept(baseDone[0] + n), t -> turns.accept(baseDone[1] + t))) {
            Comparison comparison = Comparison.of(b.summary(), b.spool().iterator(), c.summary(), c.spool().iterator());
            Map<String, String> stats = new LinkedHashMap<>();
            b.classifierStatistics().forEach((k, v) -> stats.put("base " + k, v));
            stats.putAll(c.classifierStatistics());
            return new Result(comparison, stats);
        }
    }
}
