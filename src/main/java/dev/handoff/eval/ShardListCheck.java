package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the transcript lists of the shard reports of one run hold, as replay writes them: each
 * transcript once in the whole set, in the shard its id belongs to, in input order, with labels
 * only for criteria of the configuration, and as many as the shard's own totals say. An edited
 * or hand-joined list would otherwise give the merged gate other figures than the unsharded run
 * (a transcript counted twice, one left out), and pass.
 */
final class ShardListCheck {

    static final String DAMAGED = "the report was changed or damaged after replay wrote it; run that shard again with -o json";

    /** Every id merged so far and the report it came from: the one thing kept per transcript. */
    private final Map<String, Path> seen = new HashMap<>();
    private final Map<ReportFile, State> states = new HashMap<>();

    private static final class State {
        final Shard shard;
        long lastOrdinal = -1;
        long listed;

        State(Shard shard) {
            this.shard = shard;
        }
    }

    /** One outcome of {@code r}'s list, already read field by field. */
    void outcome(ReportFile r, TranscriptOutcome o) {
        State state = states.computeIfAbsent(r, f -> new State(Shard.parse(f.context.run().shard())));
        String id = o.id();
        Path earlier = seen.putIfAbsent(id, r.file);
        if (earlier != null) {
            throw HandoffException.usage(earlier.equals(r.file)
                            ? r.file + ": transcript '" + id + "' is listed twice"
                            : r.file + ": transcript '" + id + "' is also in " + earlier,
                    "merge the shard reports of one run as replay wrote them, each once");
        }
        if (o.ordinal() <= state.lastOrdinal) {
            throw HandoffException.usage(r.file + ": transcript '" + id + "': ordinal " + o.ordinal()
                    + " comes after " + state.lastOrdinal + " (replay lists transcripts in input order)", DAMAGED);
        }
        state.lastOrdinal = o.ordinal();
        if (!state.shard.owns(id)) {
            throw HandoffException.usage(r.file + ": transcript '" + id + "' belongs to another shard than this report's "
                    + state.shard + " (a transcript's shard follows from its id)", DAMAGED);
        }
        for (String criterion : o.labels().keySet()) {
            if (r.context.criterion(criterion) == null) {
                throw HandoffException.usage(r.file + ": transcript '" + id + "': labels." + criterion
                        + ": the report's configuration has no such criterion", DAMAGED);
            }
        }
        state.listed++;
    }

    /** After {@code r}'s list: it holds as many transcripts as its totals count. */
    void finish(ReportFile r) {
        State state = states.get(r);
        long listed = state == null ? 0 : state.listed;
        JsonNode totals = r.header.get("totals");
        JsonNode n = totals == null ? null : totals.get("transcripts");
        if (n == null || !n.isIntegralNumber()) {
            throw HandoffException.usage(r.file + ": totals.transcripts: must be a whole number, found "
                    + (n == null ? "nothing" : OutcomeJsonCheck.kind(n)), DAMAGED);
        }
        if (n.asLong() != listed) {
            throw HandoffException.usage(r.file + ": lists " + listed + " transcripts, but its totals.transcripts says "
                    + n.asLong() + " (transcripts were added to or removed from the list)", DAMAGED);
        }
    }
}
