package dev.handoff.classify.llm;

import dev.handoff.error.HandoffException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Turns a model server gave no answer for, since its last answer. Three in a row end the run:
 * every further turn would wait through its retries too, to the same end (hours for a long
 * replay). The answers already given stay in the reply cache, so a rerun asks only the rest.
 */
public final class LostTurns {

    public static final int IN_A_ROW = 3;

    private final AtomicInteger count = new AtomicInteger();

    public void answered() {
        count.set(0);
    }

    /**
     * Counts one more lost turn; throws when the server counts as gone.
     *
     * @param message what the user reads then, e.g. "... stopped answering: 3 turns in a row ..."
     * @param cached  whether the replies are kept on disk (the hint says a rerun asks only the rest)
     */
    public void lost(Supplier<String> message, boolean cached) {
        if (count.incrementAndGet() >= IN_A_ROW) {
            throw HandoffException.remote(message.get(), cached
                    ? "run again when the server is back: the replies it gave are kept in the reply cache, only the rest is asked"
                    : "run again when the server is back", null);
        }
    }
}
