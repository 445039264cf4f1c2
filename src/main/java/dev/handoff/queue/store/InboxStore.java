package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.Status;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The inbox's durable store: SQLite in WAL mode with {@code synchronous=FULL}, so a committed
 * transaction survives a crash or power loss, and readers never wait for the writer. All writes go
 * through one {@link GroupCommitWriter}; reads use a small pool of their own connections.
 */
public final class InboxStore implements AutoCloseable {

    private static final int READERS = 4;

    private final Path file;
    private final Connection writerConnection;
    private final WriteContext writeContext;
    private final GroupCommitWriter writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final ChangeFeed feed;
    private Checkpointer checkpointer;

    private InboxStore(Path file, Connection writerConnection, WriteContext writeContext, long latestSeq) {
        this.file = file;
        this.writerConnection = writerConnection;
        this.writeContext = writeContext;
        this.feed = new ChangeFeed(latestSeq);
        this.writer = new GroupCommitWriter(writerConnection, writeContext, feed::published);
    }

    /** Opens (creating and migrating when needed) the database at {@code file}. */
    public static InboxStore open(Path file, Clock clock) {
        Connection writer = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = connect(file);
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("the file system does not support SQLite's WAL mode");
                }
            }
            Migrations.migrate(writer, Migrations.LATEST);
            try (Statement s = writer.createStatement()) {
                // checkpoints run on the Checkpointer's thread, not inside a webhook's commit
                s.executeUpdate("PRAGMA wal_autocheckpoint = 0");
            }
            writer.setAutoCommit(false);
            long latest;
            try (Statement s = writer.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
                latest = rs.next() ? rs.getLong(1) : 0;
            }
            writer.commit();
            InboxStore store = new InboxStore(file, writer, new WriteContext(writer, clock), latest);
            for (int i = 0; i < READERS; i++) {
                Connection reader = connect(file);
                reader.setAutoCommit(false);
                store.readers.add(reader);
            }
            store.checkpointer = new Checkpointer(connect(file));
            return store;
        } catch (Migrations.NewerSchemaException e) {
            closeQuietly(writer);
            throw HandoffException.usage(file + ": " + e.getMessage(), "use a newer handoff, or another --db");
        } catch (SQLException | IOException e) {
            closeQuietly(writer);
            throw HandoffException.usage(file + ": cannot open the inbox database: " + e.getMessage(),
                    "check that the path is a writable SQLite database (or a new file), or pass another --db");
        }
    }

    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is fsynced at every commit, so every acknowledged event survives power loss;
        // NORMAL would only survive a process crash. Group commit pays for it.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    public Path file() {
        return file;
    }

    public ChangeFeed feed() {
        return feed;
    }

    /** Stores the event unless its delivery key is known; completes after the commit. */
    public CompletableFuture<Ingested> ingest(NewHandoff handoff) {
        return writer.submit(new GroupCommitWriter.Task<>() {
            @Override
            Ingested run(WriteContext c) throws SQLException {
                Optional<Handoff> known = c.byKey(handoff.dedupKey());
                if (known.isPresent()) {
                    return new Ingested(known.get(), false);
                }
                return new Ingested(c.insert(handoff), true);
            }
        });
    }

    /**
     * Applies an operator's action atomically (the writer runs one task at a time); empty when no
     * handoff has that id. Completes after the commit.
     */
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

    /**
     * A page of handoffs with one of {@code statuses} (all when empty), oldest created first,
     * after {@code cursor} (null for the first page), read in one snapshot with the latest seq.
     */
    public Page list(Set<Status> statuses, int limit, String cursor) {
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        return read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + Rows.COLUMNS + " FROM handoffs WHERE 1 = 1");
            if (!statuses.isEmpty()) {
                sql.append(" AND status IN (")
                        .append(statuses.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ")))
                        .append(')');
            }
            if (after != null) {
                sql.append(" AND (created_ms > ? OR (created_ms = ? AND id > ?))");
            }
            sql.append(" ORDER BY created_ms, id LIMIT ?");
            List<Handoff> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (after != null) {
                    ps.setLong(i++, after.createdMs());
                    ps.setLong(i++, after.createdMs());
                    ps.setLong(i++, after.id());
                }
                ps.setInt(i, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(Rows.handoff(rs));
                    }
                }
            }
            long seq;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
                seq = rs.next() ? rs.getLong(1) : 0;
            }
            String next = null;
            if (items.size() > limit) {
                items.remove(items.size() - 1);
                Handoff last = items.get(items.size() - 1);
                next = new Cursor(last.createdAt().toEpochMilli(), last.id()).encode();
            }
            return new Page(List.copyOf(items), next, seq);
        });
    }

    /** Changes after {@code seq}, in order, at most {@code limit}. */
    public List<Change> changesAfter(long seq, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, handoff_id, snapshot FROM changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
                ps.setLong(1, seq);
                ps.setInt(2, limit);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Change(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    /** The raw body of a stored event, exactly as received. */
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

    /** True when the database answers a query and the writer is running. */
    public boolean healthy() {
        if (!writer.alive()) {
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

    @FunctionalInterface
    private interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> read) {
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
            T result = read.apply(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // reported below
            }
            throw new StoreException("read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /** Finishes every queued write, then closes all connections. */
    @Override
    public void close() {
        writer.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        try {
            writeContext.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        closeQuietly(writerConnection);
        Connection c;
        while ((c = readers.poll()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
        }
    }

    /** Position in the created-at order; opaque to clients. */
    record Cursor(long createdMs, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdMs + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
                int colon = plain.indexOf(':');
                return new Cursor(Long.parseLong(plain.substring(0, colon)), Long.parseLong(plain.substring(colon + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidCursorException();
            }
        }
    }

    /** A cursor that this store did not hand out. */
    public static final class InvalidCursorException extends IllegalArgumentException {
        InvalidCursorException() {
            super("not a cursor from a previous page; start again without cursor");
        }
    }
}
