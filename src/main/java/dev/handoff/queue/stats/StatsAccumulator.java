package dev.handoff.queue.stats;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link QueueStats} from the change log: every snapshot of every handoff, in the order
 * the changes were made. A handoff's first snapshot is its arrival; the first snapshot in
 * progress is its claim; a resolved snapshot is its resolution (each timed by the snapshot's
 * {@code updated_at}). Keeps one small entry per handoff of the window, so memory grows with
 * the handoffs counted (about 100 bytes each), not with the changes read.
 */
public final class StatsAccumulator {

    private static final Duration LATE = Duration.ofMinutes(1);

    private final Instant since;
    private final Instant until;
    private final ZoneId zone;
    private final Map<Long, Entry> entries = new HashMap<>();
    private long late;

    private static final class Entry {
        final Instant received;
        final String reason;
        final String agent;
        Status status;
        Instant claimed;
        Instant resolved;

        Entry(Handoff h) {
            this.received = h.receivedAt();
            this.reason = blankToNone(h.reason());
            this.agent = blankToNone(h.agentId());
            this.status = h.status();
        }
    }

    /** @param since only handoffs received at or after it count; null for all */
    public StatsAccumulator(Instant since, Instant until, ZoneId zone) {
        this.since = since;
        this.until = until;
        this.zone = zone;
    }

    /** One snapshot of the change log, in change order. */
    public void accept(Handoff snapshot) {
        Entry e = entries.get(snapshot.id());
        if (e == null) {
            // no upper bound: a handoff received "after now" comes from an inbox host whose clock is ahead of this one (another
            // host sharing PostgreSQL, a clock stepped back); it is among the newest, and every window left it out
            if (since != null && snapshot.receivedAt().isBefore(since)) {
                return;
            }
            e = new Entry(snapshot);
            entries.put(snapshot.id(), e);
            if (snapshot.createdAt() != null && Duration.between(snapshot.createdAt(), snapshot.receivedAt()).compareTo(LATE) > 0) {
                late++;
            }
        }
        if (snapshot.status() == Status.IN_PROGRESS && e.claimed == null) {
            e.claimed = snapshot.updatedAt();
        }
        if (snapshot.status() == Status.RESOLVED && e.resolved == null) {
            e.resolved = snapshot.updatedAt();
        }
        e.status = snapshot.status();
    }

    public QueueStats result() {
        Map<String, Long> reasons = new LinkedHashMap<>();
        Map<String, Long> agents = new LinkedHashMap<>();
        long[] byHour = new long[24];
        long[] byWeekday = new long[7];
        long[] claim = new long[entries.size()];
        long[] resolve = new long[entries.size()];
        int claims = 0;
        int resolves = 0;
        long pending = 0;
        long inProgress = 0;
        long resolved = 0;
        long unclaimed = 0;
        for (Entry e : entries.values()) {
            reasons.merge(e.reason, 1L, Long::sum);
            agents.merge(e.agent, 1L, Long::sum);
            ZonedDateTime local = e.received.atZone(zone);
            byHour[local.getHour()]++;
            byWeekday[local.getDayOfWeek().getValue() - 1]++;
            if (e.claimed != null) {
                claim[claims++] = Math.max(0, Duration.between(e.received, e.claimed).toMillis());
            }
            if (e.resolved != null) {
                resolve[resolves++] = Math.max(0, Duration.between(e.received, e.resolved).toMillis());
                if (e.claimed == null) {
                    unclaimed++;
                }
            }
            switch (e.status) {
                case PENDING -> pending++;
                case IN_PROGRESS -> inProgress++;
                case RESOLVED -> resolved++;
            }
        }
        return new QueueStats(since, until, zone, entries.size(), pending, inProgress, resolved, sorted(reasons), sorted(agents),
                byHour, byWeekday, QueueStats.Durations.of(claim, claims), QueueStats.Durations.of(resolve, resolves), unclaimed, late);
    }

    private static List<QueueStats.Count> sorted(Map<String, Long> counts) {
        List<QueueStats.Count> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new QueueStats.Count(k, v)));
        out.sort(Comparator.comparingLong(QueueStats.Count::count).reversed().thenComparing(QueueStats.Count::key));
        return List.copyOf(out);
    }

    private static String blankToNone(String s) {
        return s == null || s.isBlank() ? "(none)" : s.strip();
    }
}
