package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the PostgreSQL store has: URLs, and connections the server can drop. */
class PostgresStoreTest {

    @TempDir
    Path dir;

    private static NewHandoff handoff(String key) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", key, "r",
                Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void urlsGiveHostPortDatabaseAndDriverParametersButNeverAPassword() {
        var t = PostgresTarget.parse("postgres://inbox@db1/handoff?sslmode=require");
        assertThat(t).isEqualTo(new PostgresTarget("inbox", "db1", 5432, "handoff", "sslmode=require"));
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432/handoff?sslmode=require");
        assertThat(PostgresTarget.parse("postgresql://inbox@10.0.0.5:6432/q").display())
                .isEqualTo("postgres://inbox@10.0.0.5:6432/q");
        assertThatThrownBy(() -> PostgresTarget.parse("postgres://inbox:hunter2-secret@db1/handoff"))
                .hasMessageContaining("carries a password").hasMessageNotContaining("hunter2-secret");
        assertThatThrownBy(() -> PostgresTarget.parse("postgres://db1/handoff")).hasMessageContaining("no user");
        assertThat(t.display()).as("driver parameters stay out of logs and messages").isEqualTo("postgres://inbox@db1:5432/handoff");
    }

    @Test
    void schemesAreReadInAnyCaseAndTheDriversJdbcFormIsMappedWhenItHasOneHostAndAUser() {
        assertThat(PostgresTarget.looksLikeOne("POSTGRES://inbox@db1/handoff")).isTrue();
        assertThat(PostgresTarget.parse("POSTGRES://inbox@db1/handoff")).isEqualTo(new PostgresTarget("inbox", "db1", 5432, "handoff", null));
        assertThat(PostgresTarget.parse("Postgresql://inbox@db1:6432/q").display()).isEqualTo("postgres://inbox@db1:6432/q");
        assertThat(PostgresTarget.parse("jdbc:postgresql://db1:6432/handoff?user=inbox&sslmode=require"))
                .isEqualTo(new PostgresTarget("inbox", "db1", 6432, "handoff", "sslmode=require"));
        assertThat(PostgresTarget.parse("JDBC:PostgreSQL://db1/handoff?user=inbox").query()).isNull();
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://db1/handoff"))
                .hasMessageContaining("without user=").hasMessageContaining("postgres://user@host:port/database");
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://db1,db2:5433/handoff?user=inbox"))
                .hasMessageContaining("without one host");
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://db1/handoff?user=inbox&password=pgpw-Sekrit2"))
                .hasMessageContaining("carries a password").hasMessageNotContaining("pgpw-Sekrit2");

        assertThat(PostgresTarget.foreignScheme("mysql://u:pgpw-Sekrit2@h/db")).isEqualTo("mysql");
        assertThat(PostgresTarget.foreignScheme("jdbc:mysql://h/db")).isEqualTo("jdbc:mysql");
        assertThat(PostgresTarget.foreignScheme("jdbc:postgresql:handoff")).isEqualTo("jdbc:postgresql");
        assertThat(PostgresTarget.foreignScheme("sqlite:///var/lib/inbox.db")).isEqualTo("sqlite");
        assertThat(PostgresTarget.foreignScheme("POSTGRES://inbox@db1/handoff")).isNull();
        assertThat(PostgresTarget.foreignScheme("/var/lib/handoff/inbox.db")).isNull();
        assertThat(PostgresTarget.foreignScheme("queue:inbox.db")).as("a file name with a colon").isNull();
    }

    @Test
    void aPasswordInAnyPartOfTheUrlIsRefusedWithoutRepeatingIt() {
        for (String url : new String[]{
                "postgres://inbox@db1/handoff?password=pgpw-Sekrit1",
                "postgres://inbox@db1/handoff?sslmode=require&PassWord=pgpw-Sekrit1",
                "postgres://inbox@db1/handoff?sslpassword=pgpw-Sekrit1",
                "postgres://inbox@db1/handoff?pass%77ord=pgpw-Sekrit1",
                "postgres://inbox@db1/handoff?api_token=pgpw-Sekrit1",
                "postgres://inbox%3Apgpw-Sekrit1@db1/handoff",
                "postgres://inbox%3apgpw-Sekrit1@db1/handoff"}) {
            assertThatThrownBy(() -> PostgresTarget.parse(url)).as(url)
                    .hasMessageContaining("--db-password-env").hasMessageNotContaining("pgpw-Sekrit1");
        }
        assertThat(PostgresTarget.parse("postgres://inbox@db1/handoff?sslmode=verify-full&sslkey=/etc/k.pk8").query())
                .as("a key file's path is no secret").isEqualTo("sslmode=verify-full&sslkey=/etc/k.pk8");
        assertThatThrownBy(() -> PostgresTarget.parse("postgres://inbox@db1/")).hasMessageContaining("no database");
    }

    @Test
    void parametersAfterASemicolonInTheDatabaseNameAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> PostgresTarget.parse("postgres://inbox@127.0.0.1:5432/handoff;password=WRONG-PW-123"))
                .hasMessageContaining("carries a password").hasMessageNotContaining("WRONG-PW-123");
        assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://127.0.0.1/handoff;Password=WRONG-PW-123?user=inbox"))
                .hasMessageContaining("carries a password").hasMessageNotContaining("WRONG-PW-123");
        assertThatThrownBy(() -> PostgresTarget.parse("postgres://inbox@127.0.0.1/handoff;sslmode=require"))
                .hasMessageContaining("parameters go after '?'").hasMessageNotContaining("sslmode=require;");
    }

    @Test
    void aReportOpensPostgresReadOnlyAndCreatesNothingInADatabaseWithoutTheInbox() throws Exception {
        TestDatabases.Database empty = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        assertThatThrownBy(() -> PostgresStore.openReadOnly(empty.target(), null, java.time.Clock.systemUTC()))
                .isInstanceOf(dev.handoff.error.HandoffException.class).hasMessageContaining("not an inbox database");
        try (Connection c = empty.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no table created, not even the schema version's").isZero();
        }

        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore serving = db.open()) {
            serving.ingest(handoff("served")).get();
            try (InboxStore report = PostgresStore.openReadOnly(db.target(), null, java.time.Clock.systemUTC())) {
                assertThat(report.changesAfter(0, 10)).hasSize(1);
                assertThat(report.databaseId()).isEqualTo(serving.databaseId());
                assertThatThrownBy(() -> report.ingest(handoff("from a report")).get()).hasMessageContaining("read-only");
            }
        }
    }

    @Test
    void afterTheServerDropsEveryConnectionWritesReadsAndTheFeedCarryOnOnNewOnes() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore store = db.open()) {
            store.ingest(handoff("before")).get();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // the listener connects on its own thread, after open() returns: on a loaded machine it
                // may not be there yet, and a connection made after the drop would prove nothing
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (sessions(s) < JdbcInboxStore.READERS + 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                         + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getInt(1)).as("writer, readers and listener were connected").isGreaterThanOrEqualTo(6);
            }
            // as a platform would: a failed delivery (503) is sent again
            Ingested after = retried(() -> store.ingest(handoff("after")).get());
            assertThat(after.created()).isTrue();
            assertThat(retried(() -> store.get(after.handoff().id()).orElseThrow().summary())).isEqualTo("after");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.feed().latest() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.feed().latest()).isEqualTo(2);
            assertThat(store.healthy()).isTrue();
        }
    }

    @Test
    void anEventWithANulCharacterInItsTextIsStoredWithTheReplacementCharacter() throws Exception {
        // PostgreSQL's text refuses U+0000: such an event was answered 503 on every retry and never stored
        byte[] body = ("{\"agent\":{\"id\":\"agt_1\",\"external_id\":\"c\\u0000d\"},\"name\":\"a\\u0000b\",\"phone_number\":\"+15551234567\","
                + "\"summary\":\"s\\u0000\",\"reason\":\"\\u0000r\",\"created_at\":\"2025-09-19T12:34:56Z\"}").getBytes(StandardCharsets.UTF_8);
        HandoffEvent e = HandoffEvent.parse(body);
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore store = db.open()) {
            Ingested stored = store.ingest(new NewHandoff("nul", e, "+15551234567", body)).get();
            assertThat(stored.created()).isTrue();
            var h = store.get(stored.handoff().id()).orElseThrow();
            assertThat(h.name()).isEqualTo("a\uFFFDb");
            assertThat(h.summary()).isEqualTo("s\uFFFD");
        }
    }

    @Test
    void afterARestartTheFirstHealthCheckWriteAndReadSucceedOnNewConnectionsWithoutARetry() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore store = db.open()) {
            store.ingest(handoff("before")).get();
            terminateAll(db);
            // what a restart leaves: every pooled connection broken, nothing written since
            assertThat(store.healthy()).as("the writer and a reader reconnect once; the database is back").isTrue();
            terminateAll(db);
            Ingested after = store.ingest(handoff("after")).get();
            assertThat(after.created()).as("the first webhook after the database is back is stored").isTrue();
            terminateAll(db);
            assertThat(store.get(after.handoff().id()).orElseThrow().summary()).isEqualTo("after");
        }
    }

    @Test
    void whileTheDatabaseRefusesNewConnectionsTheHealthCheckSaysSoBeforeAnyWriteFailed() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore store = db.open()) {
            store.ingest(handoff("before")).get();
            String name = db.target().database();
            try (Connection c = TestDatabases.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                try {
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
                    assertThat(store.healthy()).as("the writer cannot write: not healthy").isFalse();
                } finally {
                    s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                }
            }
            assertThat(store.healthy()).isTrue();
            assertThat(store.ingest(handoff("after")).get().created()).isTrue();
        }
    }

    /** Ends every other session on the database, as a PostgreSQL restart does. */
    @Test
    void aWriteThatCannotGetTheWriteLockFailsWithinTheBoundAndIsNotCommittedWhenTheLockIsFreed() throws Exception {
        // another process holding the write lock and frozen (a GC pause, a stopped VM): the webhook
        // is answered 503 after its wait, so the write must give up before that, not commit later
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        try (InboxStore store = db.open(); Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_advisory_xact_lock(" + Dialect.WRITE_LOCK + ")")) {
                rs.next();
            }
            long start = System.nanoTime();
            var held = store.ingest(handoff("key:while-held"));
            assertThatThrownBy(() -> held.get(12, java.util.concurrent.TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class).hasMessageContaining("lock timeout");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
            holder.rollback();
            store.ingest(handoff("key:after")).get(10, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(500);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT dedup_key FROM handoffs ORDER BY id")) {
                java.util.List<String> keys = new java.util.ArrayList<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                assertThat(keys).as("the write refused while the lock was held stays refused").containsExactly("key:after");
            }
        }
    }

    private static void terminateAll(TestDatabases.Database db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
        }
    }

    /** The store's sessions on this database: writer and readers at once, the listener when its thread got there. */
    private static int sessions(Statement s) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static <T> T retried(Callable<T> call) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last;
    }
}
