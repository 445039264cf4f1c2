package dev.handoff.queue.stats;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** {@code handoff inbox stats -o json}: every count, durations in milliseconds, nothing cut. */
public final class StatsJson {

    private StatsJson() {
    }

    public static ObjectNode render(QueueStats s) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("since", s.since() == null ? null : s.since().toString());
        root.put("until", s.until().toString());
        root.put("zone", s.zone().getId());
        root.put("arrived", s.arrived());
        ObjectNode now = root.putObject("status");
        now.put("pending", s.pending());
        now.put("in_progress", s.inProgress());
        now.put("resolved", s.resolved());
        counts(root.putArray("reasons"), s.reasons());
        counts(root.putArray("agents"), s.agents());
        ArrayNode hours = root.putArray("by_hour");
        for (long n : s.byHour()) {
            hours.add(n);
        }
        ArrayNode days = root.putArray("by_weekday");
        for (long n : s.byWeekday()) {
            days.add(n);
        }
        durations(root.putObject("time_to_claim_ms"), s.timeToClaim());
        durations(root.putObject("time_to_resolve_ms"), s.timeToResolve());
        root.put("resolved_without_claim", s.resolvedUnclaimed());
        root.put("late_deliveries", s.lateDeliveries());
        return root;
    }

    /** {@code "skipped_changes": {"count": 2, "seqs": [3, 7]}}: change-log rows that could not be read, always present. */
    public static void skipped(ObjectNode root, StatsJob.Skipped skipped) {
        ObjectNode n = root.putObject("skipped_changes");
        n.put("count", skipped.count());
        ArrayNode seqs = n.putArray("seqs");
        skipped.seqs().forEach(seqs::add);
    }

    private static void counts(ArrayNode into, List<QueueStats.Count> counts) {
        counts.forEach(c -> into.addObject().put("key", c.key()).put("count", c.count()));
    }

    private static void durations(ObjectNode into, QueueStats.Durations d) {
        into.put("n", d.n());
        if (d.n() > 0) {
            into.put("p50", d.p50().toMillis());
            into.put("p90", d.p90().toMillis());
            into.put("max", d.max().toMillis());
        }
    }
}
