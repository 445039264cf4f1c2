package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * The default store: SQLite in WAL mode with {@code synchronous=FULL}, so a committed transaction
 * survives a crash or power loss, and readers never wait for the writer. One inbox process per file.
 */
public final class SqliteStore {

    private SqliteStore() {
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
            Migrations.migrate(writer, Dialect.SQLITE, Migrations.LATEST);
            try (Statement s = writer.createStatement()) {
                // checkpoints run on the Checkpointer's thread, not inside a webhook's commit
                s.executeUpdate("PRAGMA wal_autocheckpoint = 0");
            }
            writer.setAutoCommit(false);
            JdbcInboxStore store = new JdbcInboxStore(file.toAbsolutePath().toString(), Dialect.SQLITE, writer, clock,
                    () -> {
                        Connection reader = connect(file);
                        reader.setAutoCommit(false);
                        return reader;
                    }, null);
            store.addCompanion(new Checkpointer(connect(file)));
            return store;
        } catch (Migrations.NewerSchemaException e) {
            JdbcInboxStore.closeQuietly(writer);
            throw HandoffException.usage(file + ": " + e.getMessage(), "use a newer handoff, or another --db");
        } catch (SQLException | IOException e) {
            JdbcInboxStore.closeQuietly(writer);
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
}
