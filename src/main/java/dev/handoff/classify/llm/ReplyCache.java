package dev.handoff.classify.llm;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replies by request key, kept in a small SQLite table under the user's cache directory so a
 * rerun asks the model only what it has not answered for exactly the same request. Without a
 * directory, replies live for the run only.
 */
public final class ReplyCache implements AutoCloseable {

    private final Path file;
    private final Connection db;
    private final Map<String, String> memory;
    private final AtomicLong hits = new AtomicLong();
    private PreparedStatement select;
    private PreparedStatement upsert;

    private ReplyCache(Path file, Connection db) {
        this.file = file;
        this.db = db;
        this.memory = db == null ? new HashMap<>() : null;
    }

    public static ReplyCache inMemory() {
        return new ReplyCache(null, null);
    }

    /** @param server names the server in a message, e.g. "Ollama" */
    public static ReplyCache open(Path file, String server) {
        try {
            // replies hold customers' words: the folder and the database only for their owner, whatever the umask
            dev.handoff.files.PrivatePaths.createDirectories(file.getParent());
            dev.handoff.files.PrivatePaths.createFileIfMissing(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // a lost reply after a power cut is only asked again; no need to sync every insert
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS replies (key TEXT PRIMARY KEY, model TEXT NOT NULL, "
                        + "digest TEXT NOT NULL, reply TEXT NOT NULL, created_at TEXT NOT NULL)");
            }
            ReplyCache cache = new ReplyCache(file, c);
            cache.select = c.prepareStatement("SELECT reply FROM replies WHERE key = ?");
            cache.upsert = c.prepareStatement("INSERT OR REPLACE INTO replies (key, model, digest, reply, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)");
            return cache;
        } catch (SQLException | IOException e) {
            throw HandoffException.usage("cannot open the " + server + " reply cache " + file + ": " + e.getMessage(),
                    "check that the cache directory is writable, or delete " + file);
        }
    }

    public Path file() {
        return file;
    }

    public long hits() {
        return hits.get();
    }

    public synchronized String get(String key) {
        String reply;
        if (db == null) {
            reply = memory.get(key);
        } else {
            try {
                select.setString(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    reply = rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                reply = null; // an unreadable entry is asked again
            }
        }
        if (reply != null) {
            hits.incrementAndGet();
        }
        return reply;
    }

    public synchronized void put(String key, String model, String digest, String reply) {
        if (db == null) {
            memory.put(key, reply);
            return;
        }
        try {
            upsert.setString(1, key);
            upsert.setString(2, model);
            upsert.setString(3, digest);
            upsert.setString(4, reply);
            upsert.setString(5, Instant.now().toString());
            upsert.executeUpdate();
        } catch (SQLException e) {
            // not worth failing a replay for: the reply is simply asked again next time
        }
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // nothing left to do with a cache we are done with
            }
        }
    }
}
