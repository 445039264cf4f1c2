package dev.handoff.queue.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.Change;
import dev.handoff.queue.store.InboxStore;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reads the whole change log of a store, a page at a time, into a {@link StatsAccumulator}. */
public final class StatsJob {

    static final int PAGE = 2_000;
    /** How many skipped rows a report names; the count covers all. */
    static final int NAMED = 10;

    private StatsJob() {
    }

    /**
     * The statistics and the change-log rows left out of them.
     *
     * @param skipped rows that are not a handoff snapshot this version can read (a damaged or
     *                hand-edited database): counted, the first {@link #NAMED} named, never fatal
     */
    public record Result(QueueStats stats, Skipped skipped) {
    }

    /** @param seqs the first rows' change sequence numbers, in log order */
    public record Skipped(long count, List<Long> seqs, String firstProblem) {
        public boolean any() {
            return count > 0;
        }
    }

    public static Result compute(InboxStore store, Instant since, Instant until, ZoneId zone) {
        StatsAccumulator acc = new StatsAccumulator(since, until, zone);
        long skipped = 0;
        List<Long> named = new ArrayList<>();
        String firstProblem = null;
        long seq = 0;
        while (true) {
            List<Change> page = store.changesAfter(seq, PAGE);
            for (Change c : page) {
                seq = c.seq();
                String problem;
                Handoff h = null;
                try {
                    h = QueueJson.mapper().readValue(c.snapshotJson(), Handoff.class);
                    problem = problem(h, c);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problem = unreadable(c, e);
                }
                if (problem == null) {
                    acc.accept(h);
                    continue;
                }
                // one damaged row (a disk error, a hand edit) should not cost the whole report; it is named instead
                if (skipped++ == 0) {
                    firstProblem = problem;
                }
                if (named.size() < NAMED) {
                    named.add(c.seq());
                }
            }
            if (page.size() < PAGE) {
                return new Result(acc.result(), new Skipped(skipped, List.copyOf(named), firstProblem));
            }
        }
    }

    /** In words, never the parser's text (which quotes the snapshot at length). */
    private static String unreadable(Change c, Exception e) {
        if (c.snapshotJson() == null || c.snapshotJson().isBlank()) {
            return "the snapshot is empty";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException) {
            return "the snapshot is not valid JSON";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null && cause.getMessage().startsWith("unknown status")) {
            return "the snapshot has an " + cause.getMessage(); // "unknown status 'weird' (pending, in_progress, resolved)"
        }
        return "the snapshot is not a handoff (a field is missing or of the wrong type)";
    }

    /** What makes a parsed snapshot unusable, or null: the fields the statistics are built from. */
    private static String problem(Handoff h, Change c) {
        if (h == null) {
            return "the snapshot is null";
        }
        if (h.id() != c.handoffId()) {
            return "the snapshot is of handoff " + h.id() + ", the row says " + c.handoffId();
        }
        if (h.receivedAt() == null) {
            return "the snapshot has no received_at";
        }
        if (h.updatedAt() == null) {
            return "the snapshot has no updated_at";
        }
        if (h.status() == null) {
            return "the snapshot has no status";
        }
        return null;
    }
}
