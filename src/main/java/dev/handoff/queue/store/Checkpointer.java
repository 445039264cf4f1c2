package dev.handoff.queue.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies the WAL back into the database file on a thread of its own. SQLite's automatic
 * checkpoint runs inside the commit that crosses the threshold, so one unlucky webhook would wait
 * for the database file's fsync too; a PASSIVE checkpoint here runs beside the writer instead.
 */
final class Checkpointer implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 1000;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean closed;

    Checkpointer(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "inbox-checkpoint");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (!closed) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            checkpoint("PASSIVE");
        }
    }

    private void checkpoint(String mode) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            rs.next();
        } catch (SQLException e) {
            // a checkpoint that cannot run now runs next time; the WAL keeps every commit meanwhile
        }
    }

    /** Stops the thread; a final checkpoint folds the WAL into the database file. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint("TRUNCATE");
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
