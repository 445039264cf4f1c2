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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The default store: SQLite in WAL mode with {@code synchronous=FULL}, so a committed transaction
 * survives a crash or power loss, and readers never wait for the writer. One inbox process per
 * file, enforced by a {@link ProcessLock}; reports open it read-only ({@link #openReadOnly}).
 */
public final class SqliteStore {

    /** How long a connection waits for another one's lock before giving up. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** The oldest schema a read-only reader understands: the outbox arrived with version 4. */
    static final int OLDEST_READABLE = 4;
    /** Tables a read-only reader needs. */
    private static final List<String> TABLES = List.of("handoffs", "changes", "outbox");

    private SqliteStore() {
    }

    /** Opens (creating and migrating when needed) the database at {@code file}, for this process alone. */
    public static InboxStore open(Path file, Clock clock) {
        Connection writer = null;
        ProcessLock lock = null;
        if (Files.isDirectory(file)) {
            // before the lock: a refused start must not leave <folder>.lock beside the folder
            throw HandoffException.usage(file + ": is a folder, not a database file",
                    "pass the path of a file, e.g. --db " + file.resolve("inbox.db"));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                dev.handoff.files.PrivatePaths.createDirectories(parent);
            }
            lock = ProcessLock.acquire(file);
            if (Files.exists(file)) {
                // before SQLite opens it: through a hard link SQLite would open another -wal beside it
                lock.andIdentityOf(file);
                if (holdsAnotherApplicationsTables(file)) {
                    lock.discard();
                    lock = null;
                    throw HandoffException.usage(file + ": not an inbox database (it has tables, but not the inbox's: another "
                            + "application's database?); nothing was changed",
                            "pass --db with the inbox's own database, or the path of a new file");
                }
            }
            // a new database is made 0600 first: SQLite gives its -wal and -shm the database's mode
            dev.handoff.files.PrivatePaths.createFileIfMissing(file);
            writer = connect(file);
            try (Statement s = writer.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                    throw new SQLException("the file system does not support SQLite's WAL mode");
                }
            }
            // connecting created the file if it was new: now it has an identity to lock
            lock.andIdentityOf(file);   // (no-op when taken above)
            Migrations.migrate(writer, Dialect.SQLITE, Migrations.LATEST);
            // SQLite opens a file it cannot write read-only without a word, and reading, migrating a
            // current schema and empty commits all work: only a real write tells, here and not at the first webhook
            try {
                WriteContext.heartbeat(writer, clock.millis());
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).contains("READONLY")) {
                    throw HandoffException.usage(file + ": this process cannot write the database file; nothing was changed",
                            "give it write access to the file and its folder (owner, mode, a read-only mount or chattr +i),"
                                    + " or pass another --db");
                }
                throw e;
            }
            try (Statement s = writer.createStatement()) {
                // checkpoints run on the Checkpointer's thread, not inside a webhook's commit
                s.executeUpdate("PRAGMA wal_autocheckpoint = 0");
            }
            writer.setAutoCommit(false);
            DatabaseFile opened = DatabaseFile.of(file);
            JdbcInboxStore store = new JdbcInboxStore(file.toAbsolutePath().toString(), Dialect.SQLITE, writer, clock,
                    () -> {
                        Connection reader = connect(file);
                        reader.setAutoCommit(false);
                        return reader;
                    }, null);
            store.guard(opened);
            store.addCompanion(new Checkpointer(connect(file)));
            // last: released only once the database is closed
            store.addCompanion(lock);
            return store;
        } catch (Migrations.NewerSchemaException e) {
            JdbcInboxStore.closeQuietly(writer);
            release(lock);
            throw HandoffException.usage(file + ": " + e.getMessage(), "use a newer handoff, or another --db");
        } catch (SQLException | IOException e) {
            JdbcInboxStore.closeQuietly(writer);
            release(lock);
            String companion = unwritableCompanion(file);
            if (companion != null) {
                // SQLite's own words ("cannot commit - no transaction is active") point at the database, which is fine
                throw HandoffException.usage(file + ": cannot open the inbox database: " + companion,
                        "remove it while no inbox runs (SQLite makes it again), and give the accounts that read the inbox "
                                + "(inbox stats) a shared group with write access to the folder, or run them as the inbox's user");
            }
            throw HandoffException.usage(file + ": cannot open the inbox database: " + e.getMessage(),
                    "check that the path is a writable SQLite database (or a new file), or pass another --db");
        } catch (RuntimeException e) {
            JdbcInboxStore.closeQuietly(writer);
            release(lock);
            throw e;
        }
    }

    /**
     * True for an existing SQLite database with tables (or views, indexes, triggers) and schema
     * version 0: not made by the inbox, which sets the version with its first tables. The first
     * migration would add the inbox's tables to it, and the WAL mode would change its header, so it
     * is looked at read-only, before the writer's connection switches it to WAL.
     */
    private static boolean holdsAnotherApplicationsTables(Path file) throws SQLException, IOException {
        if (Files.size(file) == 0) {
            return false; // SQLite makes a database of an empty file
        }
        try (Connection c = connectReadOnly(file); Statement s = c.createStatement()) {
            if (Dialect.SQLITE.schemaVersion(c) != 0) {
                return false; // the inbox's (or a newer inbox's, refused by the migrations)
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Opens an existing inbox database for reading only ({@code inbox stats}): no migration, no
     * pragma that writes, no checkpoint, and no lock, so it runs beside a live inbox without ever
     * taking SQLite's write lock from it. A file without the inbox's tables, or with a schema this
     * version cannot read, is refused untouched.
     */
    public static InboxStore openReadOnly(Path file, Clock clock) {
        Connection first = null;
        try {
            try {
                first = connectReadOnly(file);
                try (Statement probe = first.createStatement(); ResultSet rs = probe.executeQuery("PRAGMA user_version")) {
                    rs.next();
                }
            } catch (SQLException e) {
                throw cannotOpen(file, e);
            }
            checkSchema(file, first);
            first.setAutoCommit(false);
            return new JdbcInboxStore(file.toAbsolutePath().toString(), Dialect.SQLITE, first, clock, () -> {
                Connection reader = connectReadOnly(file);
                reader.setAutoCommit(false);
                return reader;
            }, null);
        } catch (SQLException e) {
            JdbcInboxStore.closeQuietly(first);
            throw notAnInbox(file, "cannot be read as SQLite (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            JdbcInboxStore.closeQuietly(first);
            throw e;
        }
    }

    private static void checkSchema(Path file, Connection c) throws SQLException {
        int version = Dialect.SQLITE.schemaVersion(c);
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (version > Migrations.LATEST) {
            throw HandoffException.usage(file + ": schema version " + version + " is newer than this handoff knows ("
                    + Migrations.LATEST + ")", "use a newer handoff");
        }
        if (!tables.contains("handoffs")) {
            throw notAnInbox(file, "has no inbox tables");
        }
        if (version == 0) {
            throw notAnInbox(file, "has a handoffs table but no schema version (user_version 0): not made by 'handoff inbox serve'");
        }
        if (version < OLDEST_READABLE) {
            throw HandoffException.usage(file + ": an inbox database from an older handoff (schema version " + version + ")",
                    "start 'handoff inbox serve --db " + file + "' once to upgrade it, then run this again");
        }
        for (String table : TABLES) {
            if (!tables.contains(table)) {
                throw notAnInbox(file, "has schema version " + version + " but no table " + table);
            }
        }
    }

    /**
     * The file exists but SQLite cannot open it for reading. The usual cause is its folder: a WAL
     * database needs its -shm file beside it, which SQLite creates even to read, and a read-only
     * folder (a backup mount) does not allow that. Not "not an inbox database": it may well be one.
     */
    private static HandoffException cannotOpen(Path file, SQLException e) {
        if (String.valueOf(e.getMessage()).contains("NOTADB")) {
            return notAnInbox(file, "not an SQLite database");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isWritable(folder)) {
            return HandoffException.usage(file + ": cannot be opened: SQLite reads it in WAL mode and needs to create "
                            + file.getFileName() + "-shm beside it, but " + folder + " is read-only; nothing was changed",
                    "copy the database (with its -wal file, if any) to a writable folder and pass that copy with --db");
        }
        return HandoffException.usage(file + ": cannot be opened by SQLite (" + e.getMessage() + "); nothing was changed",
                "check that it is readable and is the database 'handoff inbox serve' uses");
    }

    private static HandoffException notAnInbox(Path file, String why) {
        return HandoffException.usage(file + ": not an inbox database (" + why + "); nothing was changed",
                "pass --db with the database 'handoff inbox serve' uses (its --db, or <state dir>/inbox.db)");
    }

    /** After a refused start: nothing of the inbox is left beside the file (the lock file, if this start made it). */
    private static void release(ProcessLock lock) {
        if (lock != null) {
            lock.discard();
        }
    }

    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the WAL is fsynced at every commit, so every acknowledged event survives power loss;
        // NORMAL would only survive a process crash. Group commit pays for it.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // a backup or another reader's lock is waited for, not answered with SQLITE_BUSY (and a 503);
        // the writer takes its lock up front so that this applies to it too (Dialect.beginWrite)
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Read-only, and only per-connection settings: nothing here can take the write lock. */
    static Connection connectReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * A -wal or -shm file beside the database this process cannot write: left by another account
     * (an analyst's 'inbox stats' while the inbox was stopped) and the real reason SQLite fails.
     */
    static String unwritableCompanion(Path file) {
        return unwritableCompanion(file, Files::isWritable);
    }

    static String unwritableCompanion(Path file, java.util.function.Predicate<Path> writable) {
        for (String suffix : new String[] {"-shm", "-wal"}) {
            Path f = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(f) && !writable.test(f)) {
                String owner;
                try {
                    owner = Files.getOwner(f).getName();
                } catch (IOException | UnsupportedOperationException e) {
                    owner = "another user";
                }
                return f.getFileName() + " beside it belongs to " + owner + " and this process cannot write it";
            }
        }
        return null;
    }
}
