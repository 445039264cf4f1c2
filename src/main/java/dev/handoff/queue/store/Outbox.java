package dev.handoff.queue.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The notifications waiting to be sent: one row per (handoff, channel), inserted in the
 * transaction that stores a new handoff, so a handoff that was answered 2xx is never left
 * without its notifications, and a redelivery adds none.
 *
 * <p>A sender claims a row before sending it: the claim sets state {@code sending}, a lease and a
 * fresh claim token in one write, which only succeeds while the row is due ({@code pending} and
 * {@code next_attempt_ms} passed, or {@code sending} with its lease run out). Writes are serialised
 * across processes (SQLite's one writer, PostgreSQL's write lock), so two inbox processes never
 * hold the same row. Every later write names the claim token, so a sender whose lease ran out
 * cannot overwrite the row another sender now holds.
 */
public interface Outbox {

    /** What a row is doing. */
    enum State {
        PENDING, SENDING, SENT, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String id) {
            return valueOf(id.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One notification as stored.
     *
     * @param attempts    sending attempts started so far (a claim counts one)
     * @param claim       the token of the sender holding it (state sending), else the last one or null
     * @param lastError   why the last attempt failed, already redacted by the sender, or null
     */
    record Entry(long id, long handoffId, String channel, State state, int attempts, Instant nextAttemptAt,
                 Instant leaseUntil, String claim, String lastError, Instant createdAt, Instant doneAt) {
    }

    /**
     * Claims up to {@code limit} due rows of {@code channel} for {@code lease}; each claimed row
     * has its attempts increased by one. Completes after the commit.
     */
    CompletableFuture<List<Entry>> claim(String channel, int limit, Duration lease);

    /**
     * Marks a claimed row sent; false when the claim was lost (the lease ran out and another took it). The row is
     * marked sent either way: the message went out.
     */
    CompletableFuture<Boolean> sent(Entry claimed);

    /** Gives a claimed row back for another attempt at {@code next}; false when the claim was lost. */
    CompletableFuture<Boolean> retry(Entry claimed, Instant next, String error);

    /** Gives up on a claimed row; false when the claim was lost. */
    CompletableFuture<Boolean> failed(Entry claimed, String error);

    /** When the next row of {@code channel} becomes due (a pending row's time, a held row's lease end). */
    Optional<Instant> nextDue(String channel);

    /** The rows of one handoff, by channel. */
    List<Entry> entries(long handoffId);

    /** How many rows each channel has in each state: channel -> state -> count. */
    Map<String, Map<State, Long>> counts();
}
