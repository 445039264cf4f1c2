package dev.handoff.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.transcript.Expectation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What replay made of one transcript: everything reports, the gate, baselines and
 * {@code report merge} need, so that metrics can be recomputed from these alone.
 *
 * @param ordinal     position in the input stream (the same in every shard), for a stable order
 * @param source      file, or file:line for JSONL
 * @param expect      null when unlabelled
 * @param triggerTurn the first user turn at which something fired, or null
 * @param fired       the criteria that fired at the trigger turn, in configuration order
 * @param route       the routing profile picked at the trigger turn, or null
 * @param triggerText the user message of the trigger turn, truncated
 * @param labels      per criterion, its non-TN outcome (TP, FP, FN or FP and FN); only for scored transcripts
 * @param timing      null unless scored
 * @param hours       null when nothing fired
 * @param triggerLocal the trigger message's time in the working hours' time zone (minutes), or null when working hours
 *                     are off or the time is unknown: what the outside-hours breakdown by weekday and hour counts
 * @param invalid     the classifier's invalid answer (or, when UNRECORDED, the turn without a recorded verdict)
 *                    that stopped this transcript, or null
 * @param turns       with --all-turns: every turn at which something fired
 * @param runs        with --repeat: every run when they disagree (the first is the one scored)
 */
public record TranscriptOutcome(long ordinal, String id, String source, ObjectNode meta, Expectation expect, Status status,
                                int userTurns, Integer triggerTurn, List<String> fired, String route, String triggerText,
                                Map<String, List<Label>> labels, Timing timing, Hours hours,
                                java.time.LocalDateTime triggerLocal, InvalidTurn invalid,
                                List<TurnFiring> turns, List<RunSummary> runs) {

    public enum Status {
        SCORED, UNLABELLED, INVALID,
        /** A recorded replay had no verdict for a turn before anything fired: not scored. */
        UNRECORDED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public record InvalidTurn(int turn, String reason) {
    }

    public record TurnFiring(int turn, List<String> fired) {
    }

    /** One run of a repeated transcript; {@code invalid} is the reason or null. */
    public record RunSummary(Integer triggerTurn, List<String> fired, String route, String invalid) {
    }

    /** Something fired at some turn: the conversation was handed off. */
    public boolean handedOff() {
        return triggerTurn != null;
    }

    public boolean unstable() {
        return !runs.isEmpty();
    }

    public List<Label> labels(String criterion) {
        return labels.getOrDefault(criterion, List.of());
    }
}
