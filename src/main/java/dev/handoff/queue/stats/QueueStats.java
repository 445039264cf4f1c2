package dev.handoff.queue.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the inbox's history says about handoffs that arrived in a window: why they came, for
 * which agent, when, and how long the team took. "Track handoff reasons to improve the AI"
 * (Caty seed, best practices) is the reason table; the rest says whether the team keeps up.
 *
 * @param arrived          handoffs received in the window
 * @param reasons          by reason, most frequent first (a missing reason is "(none)")
 * @param agents           by agent (bot) id, most frequent first
 * @param byHour           arrivals per hour of day 0..23, in {@code zone}
 * @param byWeekday        arrivals per weekday, Monday first, in {@code zone}
 * @param timeToClaim      received -> first claim, of those claimed
 * @param timeToResolve    received -> resolved, of those resolved
 * @param resolvedUnclaimed resolved without anyone ever claiming them (closed from the queue
 *                         without an operator taking the conversation)
 * @param lateDeliveries   delivered more than a minute after the platform created them
 */
public record QueueStats(Instant since, Instant until, ZoneId zone, long arrived, long pending, long inProgress, long resolved,
                         List<Count> reasons, List<Count> agents, long[] byHour, long[] byWeekday,
                         Durations timeToClaim, Durations timeToResolve, long resolvedUnclaimed, long lateDeliveries) {

    public record Count(String key, long count) {
    }

    /** Percentiles of a set of durations; {@code n == 0} means there were none. */
    public record Durations(long n, Duration p50, Duration p90, Duration max) {
        static Durations of(long[] millis, int n) {
            if (n == 0) {
                return new Durations(0, null, null, null);
            }
            long[] sorted = java.util.Arrays.copyOf(millis, n);
            java.util.Arrays.sort(sorted);
            return new Durations(n, Duration.ofMillis(nearestRank(sorted, 0.5)), Duration.ofMillis(nearestRank(sorted, 0.9)),
                    Duration.ofMillis(sorted[n - 1]));
        }

        /** The nearest-rank percentile: the smallest value with at least p of the values at or below it. */
        private static long nearestRank(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
