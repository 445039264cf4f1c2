package dev.handoff.queue.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.Change;
import dev.handoff.queue.store.InboxStore;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Reads the whole change log of a store, a page at a time, into a {@link StatsAccumulator}. */
public final class StatsJob {

    static final int PAGE = 2_000;

    private StatsJob() {
    }

    public static QueueStats compute(InboxStore store, Instant since, Instant until, ZoneId zone) {
        StatsAccumulator acc = new StatsAccumulator(since, until, zone);
        long seq = 0;
        while (true) {
            List<Change> page = store.changesAfter(seq, PAGE);
            for (Change c : page) {
                acc.accept(snapshot(c));
                seq = c.seq();
            }
            if (page.size() < PAGE) {
                return acc.result();
            }
        }
    }

    private static Handoff snapshot(Change c) {
        try {
            return QueueJson.mapper().readValue(c.snapshotJson(), Handoff.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("change " + c.seq() + " of handoff " + c.handoffId() + " is not a handoff snapshot", e);
        }
    }
}
