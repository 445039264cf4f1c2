package dev.handoff.queue.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Feeds this process's event streams with changes committed by every inbox process on the same
 * PostgreSQL database: {@code LISTEN} on the channel the writers {@code NOTIFY} at commit. After a
 * lost connection it reconnects and reads the latest sequence number, so a notification missed
 * meanwhile only delays the stream until then; the streams read the changes from the table anyway.
 */
final class PostgresChangeListener implements AutoCloseable {

    private static final int WAIT_MILLIS = 500;

    private final JdbcInboxStore.ReaderFactory connections;
    private final ChangeFeed feed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PostgresChangeListener(JdbcInboxStore.ReaderFactory connections, ChangeFeed feed) {
        this.connections = connections;
        this.feed = feed;
        this.thread = new Thread(this::loop, "inbox-listen");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (!closed) {
            try (Connection c = connections.open()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + Dialect.CHANNEL);
                    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM changes")) {
                        if (rs.next()) {
                            feed.published(rs.getLong(1));
                        }
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification n : notifications) {
                        try {
                            feed.published(Long.parseLong(n.getParameter()));
                        } catch (NumberFormatException ignored) {
                            // not one of ours
                        }
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    sleep(1000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = connection;
        if (thread.isAlive() && c != null) {
            JdbcInboxStore.closeQuietly(c);
        }
    }
}
