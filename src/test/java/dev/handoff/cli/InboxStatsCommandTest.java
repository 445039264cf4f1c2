package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.queue.HandoffEvent;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.NewHandoff;
import dev.handoff.queue.store.Outbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inbox stats} on a real store written through the same API as the inbox server. */
class InboxStatsCommandTest {

    @TempDir
    Path home;

    private static NewHandoff event(String key, String reason, String agent) {
        HandoffEvent e = new HandoffEvent(agent, null, "Jane", "+15551234567", "s", reason, Instant.now());
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsWhatTheStoreHolds() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            long a = store.ingest(event("k1", "asks_for_human", "agt_1")).get().handoff().id();
            store.ingest(event("k2", "asks_for_human", "agt_1")).get();
            long c = store.ingest(event("k3", "Refund requests", "agt_2")).get().handoff().id();
            store.apply(a, QueueAction.CLAIM, "ana").get();
            store.apply(a, QueueAction.RESOLVE, "ana").get();
            store.apply(c, QueueAction.RESOLVE, "ana").get();
        }
        var json = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "-o", "json", "--zone", "UTC");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode s = Yaml.json().readTree(json.out());
        assertThat(s.path("arrived").asInt()).isEqualTo(3);
        assertThat(s.path("status").path("pending").asInt()).isEqualTo(1);
        assertThat(s.path("status").path("resolved").asInt()).isEqualTo(2);
        assertThat(s.path("reasons").get(0).path("key").asText()).isEqualTo("asks_for_human");
        assertThat(s.path("reasons").get(0).path("count").asInt()).isEqualTo(2);
        assertThat(s.path("time_to_claim_ms").path("n").asInt()).isEqualTo(1);
        assertThat(s.path("resolved_without_claim").asInt()).isEqualTo(1);

        var text = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--ascii");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("): 3\n").contains("now 1 pending, 0 in progress, 2 resolved")
                .contains("asks_for_human").contains("66.7%").contains("By hour of day").contains("Resolved without a claim: 1 of 2 (50.0%)");
        assertThat(text.out()).doesNotContain("█");
        assertThat(text.out()).as("no notifications configured: no section").doesNotContain("Notifications");
    }

    @Test
    void showsTheTeamsNotificationsByChannelAndStateWithFailedOnesCalledOut() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r", Instant.now());
            for (String key : List.of("k1", "k2")) {
                store.ingest(new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8),
                        List.of("team-chat", "team-email"))).get();
            }
            Outbox.Entry sent = store.outbox().claim("team-chat", 1, Duration.ofMinutes(1)).get().get(0);
            store.outbox().sent(sent).get();
            Outbox.Entry failed = store.outbox().claim("team-chat", 1, Duration.ofMinutes(1)).get().get(0);
            store.outbox().failed(failed, "HTTP 404: no_service").get();
        }
        var text = new CliHarness(home).run("inbox", "stats", "--db", db.toString());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("Notifications (all time, by channel)\n"
                + "  team-chat   pending 0  sending 0  sent 1  failed 1\n"
                + "  team-email  pending 2  sending 0  sent 0  failed 0\n"
                + "  1 notification gave up: the inbox log's notify_failed lines say why\n");

        var json = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "-o", "json");
        JsonNode n = Yaml.json().readTree(json.out()).path("notifications");
        assertThat(n.path("team-chat").path("failed").asInt()).isEqualTo(1);
        assertThat(n.path("team-email").path("pending").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingDatabaseIsOnePlainLineAndCreatesNothing() {
        Path db = home.resolve("nowhere/inbox.db");
        var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no inbox database there").doesNotContain("Exception");
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aFileWithoutTheInboxSchemaIsExit2AndIsLeftUntouched() throws Exception {
        Path empty = Files.createFile(home.resolve("empty.db"));
        Path app = home.resolve("app.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + app); var s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER, name TEXT)");
        }
        byte[] appBefore = Files.readAllBytes(app);
        for (Path file : List.of(empty, app)) {
            var r = new CliHarness(home).run("inbox", "stats", "--db", file.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains(file + ": not an inbox database").contains("--db").doesNotContain("\tat ");
            assertThat(r.out()).doesNotContain("handoffs");
        }
        assertThat(Files.size(empty)).isZero();
        assertThat(Files.readAllBytes(app)).isEqualTo(appBefore);
        var missing = new CliHarness(home).run("inbox", "stats", "--db", home.resolve("nothing.db").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(home.resolve("nothing.db")).doesNotExist();
    }

    @Test
    void aPostgresPasswordInTheUrlIsRefusedAndMessagesLeaveTheUrlsParametersOut() throws Exception {
        for (String url : List.of("postgres://inbox@127.0.0.1:1/handoff?password=pgpw-Rw38Nd",
                "postgres://inbox%3Apgpw-Rw38Nd@127.0.0.1:1/handoff")) {
            var r = new CliHarness(home).run("inbox", "stats", "--db", url);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: --db: the URL carries a password");
            assertThat(r.out() + r.err()).doesNotContain("pgpw-Rw38Nd");
        }
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        var r = new CliHarness(home).run("inbox", "stats", "--db",
                "postgres://inbox@127.0.0.1:" + closed + "/handoff?application_name=q-Mb27");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("postgres://inbox@127.0.0.1:" + closed + "/handoff: cannot read").doesNotContain("q-Mb27");
    }

    @Test
    void statsBesideALiveInboxNeverMakesItsWritesFail() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore serving = InboxStore.open(db, Clock.systemUTC())) {
            serving.ingest(event("k0", "r", "agt")).get();
            var writes = new java.util.concurrent.atomic.AtomicInteger();
            var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        serving.ingest(event("w" + writes.incrementAndGet(), "r", "agt")).get();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
            writer.start();
            try {
                for (int i = 0; i < 5; i++) {
                    var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "-o", "json");
                    assertThat(r.exitCode()).as(r.toString()).isZero();
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(failures).as("writes refused while stats ran").isEmpty();
            assertThat(writes.get()).isPositive();
        }
    }

    @Test
    void anOutOfRangeSinceIsOnePlainLineWithTheAcceptedRange() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            store.ingest(event("k1", "r", "agt")).get();
        }
        for (String since : List.of("999999999999999d", "99999999999999999999s", "1000000d", "5x")) {
            var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", since);
            assertThat(r.exitCode()).as(since).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(since).doesNotContain("Exception").doesNotContain("For input string")
                    .containsAnyOf("7d, or seconds", "at most 36500d");
        }
    }

    @Test
    void aDamagedChangeLogRowIsSkippedCountedAndNamedNotABug() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            for (String key : List.of("k1", "k2", "k3", "k4")) {
                store.ingest(event(key, "r", "agt")).get();
            }
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.executeUpdate("UPDATE changes SET snapshot = '{not json' WHERE seq = 2");
            s.executeUpdate("UPDATE changes SET snapshot = replace(snapshot, '\"pending\"', '\"weird\"') WHERE seq = 3");
        }
        var text = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", "0");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("All handoffs in the inbox").contains("): 2\n");
        assertThat(text.err()).contains("handoff: warning: " + db + ": 2 change-log rows skipped")
                .contains("seq 2, 3").contains("not valid JSON").contains("damaged or edited by hand")
                .doesNotContain("internal error").doesNotContain("Exception");

        var json = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", "0", "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode s = Yaml.json().readTree(json.out());
        assertThat(s.path("arrived").asInt()).isEqualTo(2);
        assertThat(s.path("skipped_changes").path("count").asInt()).isEqualTo(2);
        assertThat(s.path("skipped_changes").path("seqs").toString()).isEqualTo("[2,3]");
    }

    @Test
    void anUnknownStatusInASnapshotIsNamed() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            store.ingest(event("k1", "r", "agt")).get();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement()) {
            s.executeUpdate("UPDATE changes SET snapshot = replace(snapshot, '\"pending\"', '\"weird\"')");
        }
        var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", "0");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("1 change-log row skipped").contains("seq 1").contains("unknown status 'weird'");
    }
}
