package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.QueueJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void aNewDatabaseGetsEveryMigrationWalAndFullSync() throws Exception {
        Path db = dir.resolve("state/handoff/inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            assertThat(store.healthy()).isTrue();
        }
        try (Connection c = SqliteStore.connect(db)) {
            assertThat(Migrations.userVersion(c)).isEqualTo(Migrations.LATEST).isEqualTo(6);
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
        }
    }

    @Test
    void anExistingVersionOneDatabaseIsMigratedKeepingItsHandoffsAndFeedingTheStream() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (Connection c = SqliteStore.connect(db)) {
            Migrations.migrate(c, 1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("""
                        INSERT INTO handoffs (dedup_key, agent_id, agent_external_id, name, phone_raw, phone_number, summary,
                                              reason, created_ms, received_ms, status, claimed_by, updated_ms, version, raw_event)
                        VALUES ('key:a', 'agt_1', NULL, 'Jane', '+1 555 123 4567', '+15551234567', 'old summary', 'r',
                                1758285296000, 1758285297000, 'in_progress', 'alice', 1758285300000, 2, X'7B7D')""");
            }
            assertThat(Migrations.userVersion(c)).isEqualTo(1);
        }

        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            var h = store.get(1).orElseThrow();
            assertThat(h.summary()).isEqualTo("old summary");
            assertThat(h.claimedBy()).isEqualTo("alice");
            assertThat(h.createdAt()).hasToString("2025-09-19T12:34:56Z");
            var changes = store.changesAfter(0, 10);
            assertThat(changes).hasSize(1);
            var snapshot = QueueJson.mapper().readTree(changes.get(0).snapshotJson());
            assertThat(snapshot.get("status").asText()).isEqualTo("in_progress");
            assertThat(snapshot.get("updated_at").asText()).isEqualTo("2025-09-19T12:35:00Z");
            assertThat(store.feed().latest()).isEqualTo(1);
            assertThat(store.list(java.util.Set.of(), 10, null).seq()).isEqualTo(1);
        }
        try (Connection c = SqliteStore.connect(db)) {
            assertThat(Migrations.userVersion(c)).isEqualTo(Migrations.LATEST);
        }
        // opening again runs nothing twice
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            assertThat(store.changesAfter(0, 10)).hasSize(1);
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedUntouched() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (Connection c = SqliteStore.connect(db); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 9");
        }
        assertThatThrownBy(() -> InboxStore.open(db, Clock.systemUTC()))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).isEqualTo(db + ": schema version 9 is newer than this handoff knows (" + Migrations.LATEST + ")");
                });
        try (Connection c = SqliteStore.connect(db)) {
            assertThat(Migrations.userVersion(c)).isEqualTo(9);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearError() throws Exception {
        Path db = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(db, "these are my notes, not a database ".repeat(100));
        assertThatThrownBy(() -> InboxStore.open(db, Clock.systemUTC()))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.getMessage()).startsWith(db + ": cannot open the inbox database");
                    assertThat(e.hint()).contains("--db");
                });
        // nothing of the inbox is left beside another program's file
        assertThat(dir.resolve("notes.txt.lock")).doesNotExist();
        assertThat(java.nio.file.Files.readString(db)).startsWith("these are my notes");
    }

    private static String pragma(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aVersionTwoDatabaseLearnsWhoResolvedWhatWhereTheChangeLogShowsIt() throws Exception {
        Path db = dir.resolve("inbox.db");
        long byHolder;
        long fromPending;
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            byHolder = store.ingest(handoff("key:a")).get().handoff().id();
            fromPending = store.ingest(handoff("key:b")).get().handoff().id();
            store.apply(byHolder, QueueAction.CLAIM, "alice").get();
            store.apply(byHolder, QueueAction.RESOLVE, "alice").get();
            store.apply(fromPending, QueueAction.RESOLVE, "bob").get();
        }
        // what a version-2 inbox left behind: no resolution columns
        try (Connection c = SqliteStore.connect(db); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE handoffs DROP COLUMN resolved_by");
            s.executeUpdate("ALTER TABLE handoffs DROP COLUMN resolved_ms");
            s.executeUpdate("DROP TABLE outbox");
            s.executeUpdate("DROP TABLE signed_deliveries");
            s.executeUpdate("DROP TABLE inbox_identity");
            s.executeUpdate("DROP TABLE inbox_heartbeat");
            s.executeUpdate("PRAGMA user_version = 2");
        }
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            var a = store.get(byHolder).orElseThrow();
            assertThat(a.resolvedBy()).isEqualTo("alice");
            assertThat(a.resolvedAt()).isEqualTo(a.updatedAt());
            var b = store.get(fromPending).orElseThrow();
            assertThat(b.resolvedBy()).as("resolved from Pending: the operator was never recorded").isNull();
            assertThat(b.resolvedAt()).isEqualTo(b.updatedAt());
        }
    }

    @Test
    void postgresGetsTheSameMigrationsOnceEvenWhenTwoProcessesOpenItTogether() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        var first = java.util.concurrent.CompletableFuture.supplyAsync(db::open);
        var second = java.util.concurrent.CompletableFuture.supplyAsync(db::open);
        try (InboxStore a = first.get(); InboxStore b = second.get()) {
            assertThat(a.healthy()).isTrue();
            assertThat(b.healthy()).isTrue();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM inbox_schema")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Migrations.LATEST);
            assertThat(rs.next()).isFalse();
        }
    }

    private static NewHandoff handoff(String key) {
        var e = new dev.handoff.queue.HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r",
                java.time.Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
