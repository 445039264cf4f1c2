package dev.handoff.tui;

import dev.handoff.error.HandoffException;

import java.util.List;

/**
 * Where the queue comes from. {@code tail} only talks to this interface, so a new backend (another
 * helpdesk, a message bus) is one more implementation. Implementations are thread-safe; listener
 * callbacks arrive on the source's own threads.
 */
public interface QueueSource extends AutoCloseable {

    /** What the header shows, e.g. "inbox http://127.0.0.1:8080"; never contains a token. */
    String describe();

    /**
     * The current queue (Pending and In progress), read once.
     *
     * @throws HandoffException REMOTE when unreachable or the answer is unusable, AUTH on 401/403
     */
    Snapshot snapshot();

    /**
     * Starts following the queue in the background: a first snapshot (retried until it succeeds),
     * then every change, with the connection state as it goes. Returns at once.
     */
    void start(Listener listener);

    /** Takes the handoff for {@code operator}; CONFLICT when someone else holds it. */
    QueueEntry claim(long id, String operator);

    /** Puts a claimed handoff back to Pending. */
    QueueEntry release(long id, String operator);

    /** Closes the handoff. */
    QueueEntry resolve(long id, String operator);

    /**
     * The action on the handoff the screen shows under {@code id}, whose {@code received_at} is
     * {@code shown}: a source that can tell another handoff under the same id (an inbox whose
     * database was restored while this view was paused) refuses instead of acting on it.
     */
    default QueueEntry act(OperatorAction action, long id, java.time.Instant shown, String operator) {
        return switch (action) {
            case CLAIM -> claim(id, operator);
            case RELEASE -> release(id, operator);
            case RESOLVE -> resolve(id, operator);
        };
    }

    ConnectionState state();

    /** Stops background work and frees connections; idempotent. */
    @Override
    void close();

    /** The queue at one point of the source's change sequence. */
    record Snapshot(List<QueueEntry> items, long seq) {
        public Snapshot {
            items = List.copyOf(items);
        }
    }

    interface Listener {
        void onSnapshot(Snapshot snapshot);

        /** One handoff's new state; {@code seq} increases with every change. Resolved ones leave the queue. */
        void onChange(QueueEntry entry, long seq);

        void onState(ConnectionState state);

        /** The source gave up (credentials refused); nothing more will arrive. */
        void onFatal(HandoffException error);

        /**
         * Something the source received and could not use, in one plain line (an event with an id
         * that is no position, or data that cannot be read); the source goes on.
         */
        default void onNotice(String text) {
        }
    }
}
