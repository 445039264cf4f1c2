package dev.handoff.eval;

import java.util.List;

/**
 * One transcript behind a count, for reports: which transcript, which user turn, what fired and
 * what the user wrote there (truncated).
 *
 * @param turn  null when nothing fired
 * @param note  extra detail (an invalid output's reason, a bad transcript's message), or null
 */
public record Example(long ordinal, String id, Integer turn, List<String> fired, String text, String note) {

    public static Example of(TranscriptOutcome o) {
        return new Example(o.ordinal(), o.id(), o.triggerTurn(), o.fired(), o.triggerText(), null);
    }

    public Example withNote(String note) {
        return new Example(ordinal, id, turn, fired, text, note);
    }
}
