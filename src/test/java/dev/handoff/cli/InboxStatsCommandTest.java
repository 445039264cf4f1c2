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
                .contains("(table changes, seq 2, 3); seq 2: the snapshot is not valid JSON").contains("damaged or edited by hand")
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
        assertThat(r.err()).contains("1 change-log row skipped").contains("(table changes, seq 1): the snapshot has an unknown status 'weird'");
    }

    /** Display columns, as a terminal shows them (a CJK character or emoji is two). */
    private static int columns(String s) {
        return new org.jline.utils.AttributedString(s).columnLength();
    }

    private static List<String> block(String out, String title) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(title) + 1;
        assertThat(start).as(title + " in " + out).isPositive();
        int end = start;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }

    @Test
    void namesFromWebhooksAreEscapedAndTheColumnsLineUpByDisplayWidth() throws Exception {
        Path db = home.resolve("inbox.db");
        List<String> reasons = List.of("line1\nline2\ttab\r", "evil\u001b[31mRED\u001b[0m\u0007\u001b]0;title\u0007 reason",
                "rtl\u202eevil\u202c \u009b31m c1", "理由_日本語_🤖_éèê", "asks_for_human", "理由".repeat(20));
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            int k = 0;
            for (String reason : reasons) {
                store.ingest(event("k" + k++, reason, "agt_1")).get();
            }
            store.ingest(event("k" + k++, "asks_for_human", "agt_\u001b[31m2")).get();
            HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r", Instant.now());
            store.ingest(new NewHandoff("k" + k, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8),
                    List.of("\u001b[2Jslack\nx", "team-email"))).get();
        }
        var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", "0");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007").doesNotContain("\u009b")
                .doesNotContain("\u202e").contains("line1\\u000Aline2\\u0009tab ");
        List<String> rows = block(r.out(), "Reasons (what the bot could learn to answer)");
        assertThat(rows).as(r.out()).hasSize(reasons.size() + 1); // "r" of the notified handoff
        for (String row : rows) {
            // the count ends at the same display column in every row: name column + 8
            int pct = row.indexOf('%');
            assertThat(columns(row.substring(0, pct + 1))).as(row).isEqualTo(2 + 32 + 8 + 7);
        }
        assertThat(r.out()).contains("…");
        List<String> agents = block(r.out(), "Agents");
        assertThat(agents).hasSize(2);
        assertThat(columns(agents.get(0).substring(0, agents.get(0).indexOf('%'))))
                .isEqualTo(columns(agents.get(1).substring(0, agents.get(1).indexOf('%'))));
        assertThat(agents.get(1)).startsWith("  agt_\\u001B[31m2  ");
        List<String> channels = block(r.out().substring(r.out().indexOf("Notifications")), "Notifications (all time, by channel)");
        assertThat(channels).hasSize(2);
        assertThat(channels.get(0)).startsWith("  \\u001B[2Jslack\\u000Ax  pending 1");
        assertThat(channels.get(1)).startsWith("  team-email" + " ".repeat(columns("\\u001B[2Jslack\\u000Ax") - 10) + "  pending 1");
    }

    @Test
    void asciiMeansAsciiAndAnEmptyInboxIsNotToldToWidenSinceZero() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            store.ingest(event("k1", "x".repeat(5000), "agt_1")).get();
        }
        var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", "0", "--ascii");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("  " + "x".repeat(29) + "... ").matches("[\\x00-\\x7f]*");

        Path empty = home.resolve("empty.db");
        try (InboxStore store = InboxStore.open(empty, Clock.systemUTC())) {
            assertThat(store).isNotNull();
        }
        var all = new CliHarness(home).run("inbox", "stats", "--db", empty.toString(), "--since", "0");
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out()).contains("the inbox holds no handoffs yet; check --db").doesNotContain("widen");
        var week = new CliHarness(home).run("inbox", "stats", "--db", empty.toString());
        assertThat(week.out()).contains("widen --since");
    }

    @Test
    void aSinceWithARepeatedOrOutOfOrderUnitIsOnePlainLine() throws Exception {
        Path db = home.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            store.ingest(event("k1", "r", "agt")).get();
        }
        for (String since : List.of("1h1h1h", "5m2h")) {
            var r = new CliHarness(home).run("inbox", "stats", "--db", db.toString(), "--since", since);
            assertThat(r.exitCode()).as(since).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(since).contains("'" + since + "'").containsAnyOf("more than once", "out of order")
                    .contains("largest first").doesNotContain("Exception");
            assertThat(r.out()).doesNotContain("Handoffs received");
        }
    }
}
