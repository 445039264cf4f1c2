package dev.handoff.transcript;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.SourceLocation;

import java.time.Instant;
import java.util.List;

/**
 * One recorded conversation (docs/transcripts.md, "Transcript format").
 *
 * @param meta      free-form, carried into reports; never null (empty object when absent)
 * @param startedAt null when unknown
 * @param expect    null when the transcript is unlabelled (reported, not scored)
 * @param source    where it was read from, for error messages and reports
 */
public record Transcript(String id, ObjectNode meta, Instant startedAt, List<Message> messages, Expectation expect,
                         SourceLocation source) {

    /** The number of user messages: the turns a classifier is asked about. */
    public int userTurns() {
        return (int) messages.stream().filter(m -> m.role() == Message.Role.USER).count();
    }

    /** Index into {@link #messages()} of the k-th (1-based) user message. */
    public int indexOfUserTurn(int k) {
        int seen = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role() == Message.Role.USER && ++seen == k) {
                return i;
            }
        }
        throw new IndexOutOfBoundsException("transcript " + id + " has no user turn " + k);
    }

    /** The conversation up to and including the k-th user message. */
    public List<Message> prefix(int userTurn) {
        return messages.subList(0, indexOfUserTurn(userTurn) + 1);
    }
}
