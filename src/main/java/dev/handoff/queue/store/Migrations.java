package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an ordered list of steps. {@code PRAGMA user_version} records how many have run;
 * opening a database runs the missing ones, each in its own transaction. Never edit a step that
 * has shipped: append a new one.
 */
public final class Migrations {

    @FunctionalInterface
    interface Step {
        void apply(Connection connection) throws SQLException;
    }

    record Migration(int version, String description, Step step) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "handoffs: parsed fields beside the raw event, unique delivery key", c -> exec(c,
                    """
                    CREATE TABLE handoffs (
                      id                INTEGER PRIMARY KEY,
                      dedup_key         TEXT    NOT NULL UNIQUE,
                      agent_id          TEXT    NOT NULL,
                      agent_external_id TEXT,
                      name              TEXT,
                      phone_raw         TEXT    NOT NULL,
                      phone_number      TEXT    NOT NULL,
                      summary           TEXT,
                      reason            TEXT,
                      created_ms        INTEGER NOT NULL,
                      received_ms       INTEGER NOT NULL,
                      status            TEXT    NOT NULL CHECK (status IN ('pending', 'in_progress', 'resolved')),
                      claimed_by        TEXT,
                      updated_ms        INTEGER NOT NULL,
                      version           INTEGER NOT NULL,
                      raw_event         BLOB    NOT NULL
                    )""",
                    "CREATE INDEX handoffs_created ON handoffs (created_ms, id)")),
            new Migration(2, "changes: the ordered change log behind the live stream; status index", Migrations::changeLog));

    public static final int LATEST = ALL.get(ALL.size() - 1).version();

    private Migrations() {
    }

    /** Brings the database up to {@code target}; returns the version it was at. */
    static int migrate(Connection c, int target) throws SQLException {
        int current = userVersion(c);
        if (current > LATEST) {
            throw new NewerSchemaException(current, LATEST);
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (Migration m : ALL) {
                if (m.version() <= current || m.version() > target) {
                    continue;
                }
                try {
                    m.step().apply(c);
                    exec(c, "PRAGMA user_version = " + m.version());
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return current;
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Every handoff that existed before the change log gets one entry, so a stream from 0 shows it. */
    private static void changeLog(Connection c) throws SQLException {
        exec(c, """
                CREATE TABLE changes (
                  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                  handoff_id INTEGER NOT NULL REFERENCES handoffs (id),
                  at_ms      INTEGER NOT NULL,
                  snapshot   TEXT    NOT NULL
                )""",
                "CREATE INDEX handoffs_status_created ON handoffs (status, created_ms, id)");
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + Rows.COLUMNS + " FROM handoffs ORDER BY id");
             var insert = c.prepareStatement("INSERT INTO changes (handoff_id, at_ms, snapshot) VALUES (?, ?, ?)")) {
            while (rs.next()) {
                Handoff h = Rows.handoff(rs);
                insert.setLong(1, h.id());
                insert.setLong(2, h.updatedAt().toEpochMilli());
                insert.setString(3, snapshot(h));
                insert.executeUpdate();
            }
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
