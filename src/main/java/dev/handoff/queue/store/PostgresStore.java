package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;

/**
 * The shared store: PostgreSQL, for several inbox processes (on several machines, behind one load
 * balancer) serving one queue. Commits wait for the WAL flush ({@code synchronous_commit = on}), so
 * an acknowledged event is durable as with SQLite. Write batches of all processes take turns on one
 * advisory lock (see {@link Dialect#POSTGRES}); changes reach every process's streams through
 * LISTEN/NOTIFY ({@link PostgresChangeListener}).
 */
public final class PostgresStore {

    /**
     * The driver logs through java.util.logging, straight to stderr past the redacting writer and in no format of ours: its
     * warning quoted a URL parameter's value, password included ("Couldn't parse loginTimeout value: 5,password=...").
     * Held here so that the setting is not collected with the logger.
     */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private PostgresStore() {
    }

    /**
     * Opens (creating and migrating the tables when needed) the database at {@code target}.
     *
     * @param password null when the server needs none (trust, peer, or a ~/.pgpass file)
     */
    public static InboxStore open(PostgresTarget target, String password, Clock clock) {
        Connection writer = null;
        try {
            writer = connect(target, password);
            try (Statement s = writer.createStatement()) {
                // a server configured with synchronous_commit = off would acknowledge before the WAL is on disk
                s.execute("SET synchronous_commit = on");
            }
            Migrations.migrate(writer, Dialect.POSTGRES, Migrations.LATEST);
            writer.setAutoCommit(false);
            JdbcInboxStore store = new JdbcInboxStore(target.display(), Dialect.POSTGRES, writer, clock, () -> {
                Connection reader = connect(target, password);
                reader.setAutoCommit(false);
                // list() reads the page and the latest seq in one snapshot, as SQLite's readers do
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                reader.setReadOnly(true);
                return reader;
            }, () -> {
                Connection fresh = connect(target, password);
                try (Statement s = fresh.createStatement()) {
                    s.execute("SET synchronous_commit = on");
                }
                fresh.setAutoCommit(false);
                return fresh;
            });
            store.addCompanion(new PostgresChangeListener(() -> connect(target, password), store.feed()));
            return store;
        } catch (Migrations.NewerSchemaException e) {
            JdbcInboxStore.closeQuietly(writer);
            throw HandoffException.usage(target.display() + ": " + e.getMessage(), "use a newer handoff, or another --db");
        } catch (SQLException e) {
            JdbcInboxStore.closeQuietly(writer);
            if (noPasswordGiven(e)) {
                throw noPassword(target);
            }
            // the driver's message may quote a URL parameter's value
            throw HandoffException.usage(target.display() + ": cannot open the inbox database: "
                            + PostgresTarget.masked(String.valueOf(e.getMessage())),
                    "check that PostgreSQL runs there, that the database exists and the user may create tables in it, "
                            + "and that the password variable (--db-password-env) is set");
        }
    }

    /**
     * Opens an existing inbox database for reports ({@code inbox stats}): read-only connections,
     * no migration, no table created. A report run beside inbox processes of another version must
     * not upgrade their schema under them.
     */
    public static InboxStore openReadOnly(PostgresTarget target, String password, Clock clock) {
        Connection first = null;
        try {
            first = connect(target, password);
            first.setReadOnly(true);
            int version = readOnlySchemaVersion(first);
            if (version == 0) {
                throw HandoffException.usage(target.display() + ": not an inbox database (no inbox_schema table); nothing was changed",
                        "pass --db with the database 'handoff inbox serve' uses");
            }
            if (version > Migrations.LATEST) {
                throw HandoffException.usage(target.display() + ": schema version " + version + " is newer than this handoff knows ("
                        + Migrations.LATEST + ")", "use a newer handoff");
            }
            if (version < SqliteStore.OLDEST_READABLE) {
                throw HandoffException.usage(target.display() + ": an inbox database from an older handoff (schema version " + version + ")",
                        "start 'handoff inbox serve' on it once to upgrade it, then run this again");
            }
            first.setAutoCommit(false);
            return new JdbcInboxStore(target.display(), Dialect.POSTGRES, first, clock, () -> {
                Connection reader = connect(target, password);
                reader.setAutoCommit(false);
                reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                reader.setReadOnly(true);
                return reader;
            }, null);
        } catch (SQLException e) {
            JdbcInboxStore.closeQuietly(first);
            if (noPasswordGiven(e)) {
                throw noPassword(target);
            }
            // the driver's message may quote a URL parameter's value
            throw HandoffException.usage(target.display() + ": cannot read the inbox database: "
                            + PostgresTarget.masked(String.valueOf(e.getMessage())),
                    "check that PostgreSQL runs there, that the database exists, and that the password variable (--db-password-env) is set");
        } catch (RuntimeException e) {
            JdbcInboxStore.closeQuietly(first);
            throw e;
        }
    }

    /**
     * The driver's words when the server wants a password and none was set ("...no password was
     * provided by plugin null") name a plugin nobody configured; the fix is the variable.
     */
    private static boolean noPasswordGiven(SQLException e) {
        return String.valueOf(e.getMessage()).contains("no password was provided");
    }

    /** How the refusal below ends; the command line replaces its hint with one naming the variable it reads. */
    public static final String NO_PASSWORD = ": the server asked for a password and none was given";

    private static HandoffException noPassword(PostgresTarget target) {
        return HandoffException.usage(target.display() + NO_PASSWORD,
                "export PGPASSWORD=<password>, or the variable named by --db-password-env, before starting "
                        + "(never put it in the URL)");
    }

    /** The schema version without creating the version table (0 when there is none). */
    private static int readOnlySchemaVersion(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('inbox_schema') IS NOT NULL")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return 0;
            }
        }
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT max(version) FROM inbox_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static Connection connect(PostgresTarget target, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", target.user());
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "handoff inbox");
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(target.jdbcUrl(), props);
    }
}
