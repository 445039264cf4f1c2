package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as one ordered list of steps for both databases (column types come from the
 * {@link Dialect}). The schema version ({@code PRAGMA user_version} in SQLite, the
 * {@code inbox_schema} table in PostgreSQL) records how many have run; opening a database runs the
 * missing ones, each in its own transaction. Never edit a step that has shipped: append a new one.
 */
public final class Migrations {

    @FunctionalInterface
    interface Step {
        void apply(Connection connection, Dialect dialect) throws SQLException;
    }

    record Migration(int version, String description, Step step) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "handoffs: parsed fields beside the raw event, unique delivery key", (c, d) -> exec(c,
                    """
                    CREATE TABLE handoffs (
                      id                %s,
                      dedup_key         TEXT    NOT NULL UNIQUE,
                      agent_id          TEXT    NOT NULL,
                      agent_external_id TEXT,
                      name              TEXT,
                      phone_raw         TEXT    NOT NULL,
                      phone_number      TEXT    NOT NULL,
                      summary           TEXT,
                      reason            TEXT,
                      created_ms        %s NOT NULL,
                      received_ms       %s NOT NULL,
                      status            TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress', 'resolved')),
                      claimed_by        TEXT,
                      updated_ms        %s NOT NULL,
                      version           %s NOT NULL,
                      raw_event         %s    NOT NULL
                    )""".formatted(d.idColumn(), d.integer(), d.integer(), d.integer(), d.integer(), d.bytes()),
                    "CREATE INDEX handoffs_created ON handoffs (created_ms, id)")),
            new Migration(2, "changes: the ordered change log behind the live stream; status index", Migrations::changeLog),
            new Migration(3, "handoffs: who resolved it and when (resolving clears claimed_by)", Migrations::resolution),
            new Migration(4, "outbox: one notification per (handoff, channel), written with the handoff", (c, d) -> exec(c,
                    """
                    CREATE TABLE outbox (
                      id              %s,
                      handoff_id      %s NOT NULL REFERENCES handoffs (id),
                      channel         TEXT    NOT NULL,
                      state           TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
                      attempts        %s NOT NULL,
                      next_attempt_ms %s NOT NULL,
                      lease_until_ms  %s,
                      claim           TEXT,
                      last_error      TEXT,
                      created_ms      %s NOT NULL,
                      done_ms         %s,
                      UNIQUE (handoff_id, channel)
                    )""".formatted(d.idColumn(), d.integer(), d.integer(), d.integer(), d.integer(), d.integer(), d.integer()),
                    "CREATE INDEX outbox_due ON outbox (channel, state, next_attempt_ms)")),
            new Migration(5, "signed deliveries (a replayed signed request is its first delivery); the database's own id",
                    Migrations::signaturesAndIdentity),
            new Migration(6, "inbox_heartbeat: one row the health check rewrites, so that it needs what a webhook needs",
                    (c, d) -> exec(c, "CREATE TABLE inbox_heartbeat (id INTEGER NOT NULL PRIMARY KEY, at_ms " + d.integer() + " NOT NULL)",
                            "INSERT INTO inbox_heartbeat (id, at_ms) VALUES (1, 0)")));

    public static final int LATEST = ALL.get(ALL.size() - 1).version();

    private Migrations() {
    }

    /** Brings the database up to {@code target}; returns the version it was at. */
    static int migrate(Connection c, int target) throws SQLException {
        return migrate(c, Dialect.SQLITE, target);
    }

    /**
     * Brings the database up to {@code target}; returns the version it was at. The version is read
     * inside the first write transaction, so two PostgreSQL processes starting together run each
     * step once: the second waits for the first's lock, then finds nothing left to do.
     */
    static int migrate(Connection c, Dialect dialect, int target) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        int start = -1;
        try {
            while (true) {
                dialect.beginWrite(c);
                int current = dialect.schemaVersion(c);
                if (start < 0) {
                    start = current;
                }
                if (current > LATEST) {
                    c.rollback();
                    throw new NewerSchemaException(current, LATEST);
                }
                Migration next = ALL.stream().filter(m -> m.version() > current && m.version() <= target)
                        .findFirst().orElse(null);
                if (next == null) {
                    c.commit();
                    return start;
                }
                try {
                    next.step().apply(c, dialect);
                    dialect.setSchemaVersion(c, next.version());
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        return Dialect.SQLITE.schemaVersion(c);
    }

    /** Every handoff that existed before the change log gets one entry, so a stream from 0 shows it. */
    private static void changeLog(Connection c, Dialect d) throws SQLException {
        exec(c, """
                CREATE TABLE changes (
                  seq        %s,
                  handoff_id %s NOT NULL REFERENCES handoffs (id),
                  at_ms      %s NOT NULL,
                  snapshot   TEXT    NOT NULL
                )""".formatted(d.sequenceColumn(), d.integer(), d.integer()),
                "CREATE INDEX handoffs_status_created ON handoffs (status, created_ms, id)");
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + Rows.COLUMNS_V1 + " FROM handoffs ORDER BY id");
             var insert = c.prepareStatement("INSERT INTO changes (handoff_id, at_ms, snapshot) VALUES (?, ?, ?)")) {
            while (rs.next()) {
                Handoff h = Rows.handoffV1(rs);
                insert.setLong(1, h.id());
                insert.setLong(2, h.updatedAt().toEpochMilli());
                insert.setString(3, snapshot(h));
                insert.executeUpdate();
            }
        }
    }

    /**
     * Resolved is final, so a resolved row's updated_ms is when it was resolved. Resolving from In
     * progress is only allowed to the holder, so the holder in the change before the resolving one
     * resolved it; resolved straight from Pending, the operator was never recorded and stays null.
     */
    private static void resolution(Connection c, Dialect d) throws SQLException {
        exec(c, "ALTER TABLE handoffs ADD COLUMN resolved_by TEXT",
                "ALTER TABLE handoffs ADD COLUMN resolved_ms " + d.integer(),
                "UPDATE handoffs SET resolved_ms = updated_ms WHERE status = 'resolved'");
        try (var before = c.prepareStatement("""
                SELECT snapshot FROM changes WHERE handoff_id = ? ORDER BY seq DESC LIMIT 1 OFFSET 1""");
             var set = c.prepareStatement("UPDATE handoffs SET resolved_by = ? WHERE id = ?");
             Statement s = c.createStatement();
             ResultSet resolved = s.executeQuery("SELECT id FROM handoffs WHERE status = 'resolved' ORDER BY id")) {
            while (resolved.next()) {
                long id = resolved.getLong(1);
                before.setLong(1, id);
                try (ResultSet rs = before.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    Handoff previous = readSnapshot(rs.getString(1));
                    if (previous.status() == dev.handoff.queue.Status.IN_PROGRESS && previous.claimedBy() != null) {
                        set.setString(1, previous.claimedBy());
                        set.setLong(2, id);
                        set.executeUpdate();
                    }
                }
            }
        }
    }

    /**
     * {@code signed_deliveries}: the hash of every signed request's signed material (timestamp and
     * body) with the handoff it delivered, so a captured request replayed within the signature's
     * time window, with whatever unsigned headers, finds its handoff instead of making a new one.
     * {@code inbox_identity}: a random id made once with the schema, so a client can tell another
     * database (a new file, someone else's backup) from the one it followed.
     */
    private static void signaturesAndIdentity(Connection c, Dialect d) throws SQLException {
        exec(c, """
                CREATE TABLE signed_deliveries (
                  signed_hash TEXT    NOT NULL PRIMARY KEY,
                  handoff_id  %s NOT NULL REFERENCES handoffs (id),
                  received_ms %s NOT NULL
                )""".formatted(d.integer(), d.integer()),
                "CREATE TABLE inbox_identity (database_id TEXT NOT NULL)");
        try (var insert = c.prepareStatement("INSERT INTO inbox_identity (database_id) VALUES (?)")) {
            insert.setString(1, java.util.UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private static Handoff readSnapshot(String json) {
        try {
            return QueueJson.mapper().readValue(json, Handoff.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored change snapshot is not a handoff", e);
        }
    }

    static String snapshot(Handoff h) {
        try {
            return QueueJson.mapper().writeValueAsString(h);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String each : sql) {
                s.executeUpdate(each);
            }
        }
    }

    /** The database was written by a newer handoff; running old migrations on it would be wrong. */
    static final class NewerSchemaException extends SQLException {
        NewerSchemaException(int found, int known) {
            super("schema version " + found + " is newer than this handoff knows (" + known + ")");
        }
    }
}
