package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.Status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The store over JDBC, the same for SQLite and PostgreSQL: all writes go through one
 * {@link GroupCommitWriter} (a 2xx always follows a durable commit); reads use a small pool of
 * connections of their own, each read in one snapshot. {@link SqliteStore} and {@link PostgresStore}
 * open the connections and add what their database needs beside it.
 */
final class JdbcInboxStore implements InboxStore {

    static final int READERS = 4;

    /** Opens a reader connection: autocommit off, reads see one snapshot per transaction. */
    @FunctionalInterface
    interface ReaderFactory {
        Connection open() throws SQLException;
    }

    private final String location;
    /** The random id made with the schema (version 5), or null for an older database read as it is. */
    private final String databaseId;
    private final GroupCommitWriter writer;
    private final ReaderFactory readerFactory;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final ChangeFeed feed;
    private final JdbcOutbox outbox;
    /** Closed after the writer, in order (a checkpointer, a change listener). */
    private final List<AutoCloseable> companions = new ArrayList<>();

    /**
     * Takes ownership of {@code writerConnection} (autocommit off, schema current).
     *
     * @param reconnect opens a new writer connection when the database dropped the old one, or null
     */
    JdbcInboxStore(String location, Dialect dialect, Connection writerConnection, Clock clock, ReaderFactory readerFactory,
                   GroupCommitWriter.Reconnect reconnect) throws SQLException {
        this.location = location;
        this.readerFactory = readerFactory;
        long latest;
        try (Statement s = writerConnection.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
            latest = rs.next() ? rs.getLong(1) : 0;
        }
        writerConnection.commit();
        this.databaseId = databaseId(writerConnection);
        this.feed = new ChangeFeed(latest);
        try {
            for (int i = 0; i < READERS; i++) {
                readers.add(readerFactory.open());
            }
        } catch (SQLException e) {
            closeReaders();
            throw e;
        }
        this.writer = new GroupCommitWriter(writerConnection, dialect, clock, reconnect, feed::published);
        this.outbox = new JdbcOutbox(this, clock);
    }

    private static String databaseId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT database_id FROM inbox_identity")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            // a database from before the identity table, opened read-only by a report
            return null;
        } finally {
            c.commit();
        }
    }

    /**
     * Read again each time (one small query per list and stream): a backup of another inbox restored
     * under the running one brings its own id, and clients compare it to find out.
     */
    @Override
    public String databaseId() {
        try {
            String now = read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT database_id FROM inbox_identity")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
            return now != null ? now : databaseId;
        } catch (RuntimeException e) {
            return databaseId;
        }
    }

    @Override
    public long lastSeq() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Every write batch checks that the SQLite file at its path is still {@code file}. */
    void guard(DatabaseFile file) {
        writer.guard(file);
    }

    @Override
    public void whenLost(java.util.function.Consumer<String> listener) {
        writer.whenLost(listener);
    }

    void addCompanion(AutoCloseable companion) {
        companions.add(companion);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public ChangeFeed feed() {
        return feed;
    }

    /** Stores the event unless its delivery key is known; completes after the commit. */
    @Override
    public CompletableFuture<Ingested> ingest(NewHandoff handoff) {
        return writer.submit(new GroupCommitWriter.Task<>() {
            @Override
            Ingested run(WriteContext c) throws SQLException {
                String signed = handoff.signedHash();
                // a signed request seen before is a replay, even when its unsigned delivery key was changed
                Optional<Handoff> known = signed == null ? Optional.empty() : c.bySignedHash(signed);
                if (known.isEmpty()) {
                    known = c.byKey(handoff.dedupKey());
                }
                if (known.isPresent()) {
                    if (signed != null) {
                        // a sender's re-signed retry: replayed later, its signature must find the handoff too
                        c.recordSigned(signed, known.get().id());
                    }
                    return new Ingested(known.get(), false);
                }
                Handoff stored = c.insert(handoff);
                if (signed != null) {
                    c.recordSigned(signed, stored.id());
                }
                for (String channel : handoff.channels()) {
                    c.queueNotification(stored.id(), channel);
                }
                return new Ingested(stored, true);
            }
        });
    }

    /**
     * Applies an operator's action atomically (the writer runs one task at a time); empty when no
     * handoff has that id. Completes after the commit.
     */
    @Override
    public CompletableFuture<Optional<QueueAction.Outcome>> apply(long id, QueueAction action, String operator) {
        return writer.submit(new GroupCommitWriter.Task<>() {
            @Override
            Optional<QueueAction.Outcome> run(WriteContext c) throws SQLException {
                Optional<Handoff> current = c.byId(id);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                QueueAction.Outcome outcome = action.apply(current.get(), operator, c.now());
                if (outcome instanceof QueueAction.Outcome.Changed changed) {
                    c.update(changed.next(), current.get().version());
                }
                return Optional.of(outcome);
            }
        });
    }

    @Override
    public Optional<Handoff> get(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.handoff(rs)) : Optional.empty();
                }
            }
        });
    }

    /** A page of handoffs, bounded by count and by size ({@link Pages#list}), read in one snapshot with the latest seq. */
    @Override
    public Page list(Set<Status> statuses, int limit, String cursor) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return read(c -> Pages.list(c, statuses, limit, after));
    }

    /** Changes after {@code seq}, in order, bounded by count and by size ({@link Pages#changesAfter}). */
    @Override
    public List<Change> changesAfter(long seq, int limit) {
        return read(c -> Pages.changesAfter(c, seq, limit));
    }

    /** The raw body of a stored event, exactly as received. */
    @Override
    public Optional<byte[]> rawEvent(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT raw_event FROM handoffs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * True when the writer commits an empty write (on its own connection, as the next webhook would)
     * and the database answers a query. Reads may work while every write would be answered 503 (a
     * connection the database dropped, a lock held past the wait): that is not healthy.
     */
    @Override
    public boolean healthy() {
        if (!writer.alive() || !writer.canWrite()) {
            return false;
        }
        try {
            return read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM changes WHERE seq < 0")) {
                    return rs.next();
                }
            });
        } catch (StoreException e) {
            return false;
        }
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    /** Runs {@code task} on the writer, in its next batch; completes after the commit. */
    <T> CompletableFuture<T> write(GroupCommitWriter.Task<T> task) {
        return writer.submit(task);
    }

    @FunctionalInterface
    interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code read} on a pooled reader connection, in one snapshot. */
    <T> T read(Read<T> read) {
        Connection c;
        try {
            c = readers.poll(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        if (c == null) {
            throw new StoreException("no database connection free within 10 s", null);
        }
        try {
            return readOn(c, read);
        } catch (SQLException e) {
            // a connection the database dropped (a restart): reads change nothing, so the read runs
            // again on a new connection instead of answering 503 for the old one's sake
            Connection fresh = replaceIfBroken(c);
            if (fresh == c) {
                throw new StoreException("read failed: " + e.getMessage(), e);
            }
            c = fresh;
            try {
                return readOn(c, read);
            } catch (SQLException again) {
                c = replaceIfBroken(c);
                throw new StoreException("read failed: " + again.getMessage(), again);
            }
        } finally {
            readers.add(c);
        }
    }

    private static <T> T readOn(Connection c, Read<T> read) throws SQLException {
        try {
            T result = read.apply(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // reported by the caller
            }
            throw e;
        }
    }

    /** A database server restart breaks pooled connections; the next read gets a fresh one. */
    private Connection replaceIfBroken(Connection c) {
        try {
            if (c.isValid(2)) {
                return c;
            }
        } catch (SQLException ignored) {
            // treated as broken
        }
        try {
            Connection fresh = readerFactory.open();
            closeQuietly(c);
            return fresh;
        } catch (SQLException e) {
            return c; // the database is still away; try again on a later read
        }
    }

    @Override
    public void close() {
        writer.close();
        for (AutoCloseable companion : companions) {
            try {
                companion.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        closeReaders();
    }

    private void closeReaders() {
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
        }
    }
}
