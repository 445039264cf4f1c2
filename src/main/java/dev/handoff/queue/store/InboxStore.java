package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.Status;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The inbox's durable queue: handoffs, the operators' actions on them, and the ordered change log
 * behind the live stream. Two implementations share one schema and one set of rules: SQLite (the
 * default, one inbox process per file, {@link #open}) and PostgreSQL (any number of inbox processes
 * on one database, {@link PostgresStore#open}). Every write completes only after its commit.
 */
public interface InboxStore extends AutoCloseable {

    /** Opens (creating and migrating when needed) the SQLite database at {@code file}. */
    static InboxStore open(Path file, Clock clock) {
        return SqliteStore.open(file, clock);
    }

    /** Where the data lives, for logs: a file path, or a PostgreSQL URL without any password. */
    String location();

    /**
     * A random id made with the schema: the same for every process on one database and for its
     * backups, different for any other database. Null for a database older than schema version 5.
     */
    String databaseId();

    /** The latest committed change sequence number, read from the database (0 when none). */
    long lastSeq();

    /** Wakes stream readers when a change commits (in this process or, for PostgreSQL, any other). */
    ChangeFeed feed();

    /** Stores the event unless its delivery key is known; completes after the commit. */
    CompletableFuture<Ingested> ingest(NewHandoff handoff);

    /**
     * Applies an operator's action atomically (one writer decides at a time, across processes too);
     * empty when no handoff has that id. Completes after the commit.
     */
    CompletableFuture<Optional<QueueAction.Outcome>> apply(long id, QueueAction action, String operator);

    Optional<Handoff> get(long id);

    /**
     * A page of handoffs with one of {@code statuses} (all when empty), oldest created first,
     * after {@code cursor} (null for the first page), read in one snapshot with the latest seq. At
     * most {@code limit}, and fewer once the page holds a few MB of text (its cursor leads on), so
     * that no request builds an answer as large as the queue.
     *
     * @throws InvalidCursorException when {@code cursor} was not handed out by a previous page
     */
    Page list(Set<Status> statuses, int limit, String cursor);

    /**
     * Changes after {@code seq}, in order, at most {@code limit} and fewer once they hold a few MB
     * of text (but two while there are two): each is the handoff as it was right after that change,
     * so the log is the full history (when each was claimed, released, resolved).
     */
    List<Change> changesAfter(long seq, int limit);

    /** The raw body of a stored event, exactly as received. */
    Optional<byte[]> rawEvent(long id);

    /** The notifications waiting to be sent, written in the same transaction as their handoff. */
    Outbox outbox();

    /**
     * Calls {@code listener} once, with one sentence for the log, when the store finds its database
     * gone from under it (a SQLite file deleted or replaced while open): from then on every write
     * and health check fails until a restart.
     */
    default void whenLost(java.util.function.Consumer<String> listener) {
    }

    /** True when the database answers a query and the writer is running. */
    boolean healthy();

    /** Finishes every queued write, then closes all connections. */
    @Override
    void close();

    /** A cursor that this store did not hand out. */
    final class InvalidCursorException extends IllegalArgumentException {
        InvalidCursorException() {
            super("not a cursor from a previous page; start again without cursor");
        }
    }
}
