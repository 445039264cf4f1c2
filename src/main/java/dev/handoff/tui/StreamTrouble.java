package dev.handoff.tui;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Why the inbox's list or stream failed, in the words the status line shows. Earlier words guessed
 * "too many connections from this address?" for every connection closed without an answer, also
 * for an open stream whose inbox was killed; the guess now comes only when it is plausible: the
 * inbox closed new connections unanswered several times in a row (what it does to an address past
 * its cap on open connections), not once (a restart, a proxy) and not a stream that was open.
 */
final class StreamTrouble {

    /** Closed without an answer this many times in a row: the per-address cap is a fair guess. */
    static final int GUESS_AFTER = 3;

    static final String WENT_AWAY = "the inbox went away";
    static final String UNANSWERED = "the inbox closed the connection without answering";
    static final String UNANSWERED_AGAIN = "the inbox keeps closing new connections without answering"
            + " (too many connections from this address? it closes those past its limit)";

    private final AtomicInteger unansweredInARow = new AtomicInteger();

    /** An answer came (the stream opened, the list was read): the count starts again. */
    void answered() {
        unansweredInARow.set(0);
    }

    /**
     * The words for a failed request of the list or the stream when the server closed the
     * connection before any answer, else null (and the count starts again: {@code t} is another
     * failure, or null for an answer that could not be used). Every retry asks anew, so the words
     * change when the guess becomes plausible.
     */
    String notAnswered(Throwable t) {
        if (t == null || !SourceHttp.closedWithoutAnswer(t)) {
            unansweredInARow.set(0);
            return null;
        }
        return unansweredInARow.incrementAndGet() >= GUESS_AFTER ? UNANSWERED_AGAIN : UNANSWERED;
    }

    /**
     * The stream that was open ended with {@code t} (null: it ended cleanly). The inbox was stopped
     * or killed, or the network between went down: the tail reconnects and resumes where it was.
     */
    static String openStreamBroke(Throwable t) {
        if (t == null) {
            return "stream ended";
        }
        if (SourceHttp.closedWithoutAnswer(t)) {
            return WENT_AWAY + ": connection closed";
        }
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (t instanceof java.net.SocketException && (msg.contains("reset") || msg.contains("broken pipe"))) {
            return WENT_AWAY + ": connection reset";
        }
        return "stream ended: " + SourceHttp.describe(t);
    }
}
