package dev.handoff.transcript;

import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;

/**
 * What is wrong with one transcript, and where: the file with line and column (JSONL: the line
 * of the transcript), the field path inside it, and what to do.
 *
 * @param transcriptId null when the id itself is missing or unreadable
 * @param field        field path such as {@code messages[2].role}, or null for the whole transcript
 */
public record TranscriptProblem(SourceLocation location, String transcriptId, String field, String message, String hint) {

    /** One line: {@code file:line:col: transcript 'id': field: message}. */
    public String describe() {
        StringBuilder b = new StringBuilder(location.toString()).append(": ");
        if (transcriptId != null) {
            b.append("transcript '").append(transcriptId).append("': ");
        }
        if (field != null) {
            b.append(field).append(": ");
        }
        return b.append(message).toString();
    }

    public HandoffException toException() {
        return HandoffException.usage(describe(), hint == null
                ? "fix the transcript, or pass --keep-going to report bad transcripts and replay the others"
                : hint + " (or pass --keep-going to replay the others)");
    }
}
