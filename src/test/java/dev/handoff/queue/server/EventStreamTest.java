package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStreamTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    private long handoff(String summary) {
        var answer = inbox.deliver(InboxFixture.event(summary, "2025-09-19T12:00:00Z"));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Test
    void aClientThatWentAwayGivesItsSlotBackAtTheNextEventNotTheNextHeartbeat() throws Exception {
        // two slots, and a heartbeat far beyond the test: only the event's write can notice the client left
        inbox = new InboxFixture(dir, s -> new InboxSettings(s.listen(), s.webhookHeader(), s.webhookSecret(),
                s.hmacSecret(), s.maxSkew(), s.apiToken(), s.json(), s.maxBodyBytes(), s.workerThreads(), 2,
                Duration.ofMinutes(5), Duration.ofSeconds(2), s.clock(), s.limits()));
        try (SseClient stays = new SseClient(inbox, "", null); SseClient leaves = new SseClient(inbox, "", null)) {
            assertThat(stays.next().comment()).isEqualTo("connected");
            assertThat(leaves.next().comment()).isEqualTo("connected");
            try (SseClient third = new SseClient(inbox, "", null)) {
                assertThat(third.status()).isEqualTo(503);
            }
            assertThat(inbox.server.openStreams()).isEqualTo(2);

            leaves.close();
            handoff("written to both streams; the one that left fails");
            assertThat(stays.nextEvent().json().get("summary").asText()).startsWith("written to both");

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (inbox.server.openStreams() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(inbox.server.openStreams()).as("slots held after the event").isEqualTo(1);
            try (SseClient next = new SseClient(inbox, "", null)) {
                assertThat(next.status()).isEqualTo(200);
                assertThat(next.next().comment()).isEqualTo("connected");
            }
        }
    }

    @Test
    void aPositionWhoseChangeIsNotTheOneTheClientSawIs409EvenBelowTheLastChange() throws IOException {
        // what a restored backup that has passed the client's position looks like: the same seq, another change
        inbox = new InboxFixture(dir);
        handoff("A");
        handoff("B");
        handoff("C");
        String seen;
        try (SseClient first = new SseClient(inbox, "", "1")) {
            seen = first.nextEvent().id();
        }
        assertThat(seen).startsWith("2:");
        try (SseClient same = new SseClient(inbox, "", seen)) {
            assertThat(same.status()).isEqualTo(200);
            assertThat(same.nextEvent().seq()).isEqualTo("3");
        }
        try (SseClient other = new SseClient(inbox, "", "2:" + "0".repeat(12))) {
            assertThat(other.status()).isEqualTo(409);
        }
        var answer = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/stream"))
                .header("Authorization", "Bearer " + InboxFixture.API_TOKEN).header("Last-Event-ID", "2:000000000000").build());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("error").asText()).contains("is not the one the client saw").contains("restored from a backup");
        assertThat(answer.json().get("last_seq").asLong()).isEqualTo(3);

        String listed = inbox.get("/api/handoffs").json().get("position").asText();
        assertThat(listed).startsWith("3:").isNotEqualTo("3:" + "0".repeat(12));
        try (SseClient fromList = new SseClient(inbox, "", listed)) {
            assertThat(fromList.status()).as("the list's position is the one its database has").isEqualTo(200);
        }
    }

    @Test
    void aReconnectingClientGetsEveryChangeItMissedInOrderAndThenLiveOnes() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("before the list");
        long seq = inbox.get("/api/handoffs").json().get("seq").asLong();
        assertThat(seq).isEqualTo(1);

        long a;
        String lastSeen;
        try (SseClient first = new SseClient(inbox, "", Long.toString(seq))) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.contentType()).startsWith("text/event-stream");
            a = handoff("A");
            SseClient.Frame created = first.nextEvent();
            assertThat(created.seq()).isEqualTo("2");
            assertThat(created.event()).isEqualTo("handoff");
            assertThat(created.json().get("summary").asText()).isEqualTo("A");
            assertThat(created.json().get("whatsapp_url").asText()).startsWith("https://api.whatsapp.com/send?phone=");
            lastSeen = created.id();
        }

        // while disconnected
        handoff("B");
        assertThat(inbox.act(a, "claim", "alice").status()).isEqualTo(200);

        try (SseClient again = new SseClient(inbox, "", lastSeen)) {
            SseClient.Frame b = again.nextEvent();
            SseClient.Frame claim = again.nextEvent();
            assertThat(b.seq()).isEqualTo("3");
            assertThat(b.json().get("summary").asText()).isEqualTo("B");
            assertThat(claim.seq()).isEqualTo("4");
            assertThat(claim.json().get("id").asLong()).isEqualTo(a);
            assertThat(claim.json().get("status").asText()).isEqualTo("in_progress");
            assertThat(claim.json().get("claimed_by").asText()).isEqualTo("alice");

            handoff("C");
            SseClient.Frame live = again.nextEvent();
            assertThat(live.seq()).isEqualTo("5");
            assertThat(live.json().get("summary").asText()).isEqualTo("C");
        }
    }

    @Test
    void eachChangeCarriesTheStateOfThatMomentNotTheLatest() throws IOException {
        inbox = new InboxFixture(dir);
        long id = handoff("A");
        inbox.act(id, "claim", "alice");
        inbox.act(id, "resolve", "alice");

        try (SseClient all = new SseClient(inbox, "?after=0", null)) {
            assertThat(all.nextEvent().json().get("status").asText()).isEqualTo("pending");
            assertThat(all.nextEvent().json().get("status").asText()).isEqualTo("in_progress");
            assertThat(all.nextEvent().json().get("status").asText()).isEqualTo("resolved");
        }
    }

    @Test
    void lastEventIdHeaderWinsOverTheAfterParameter() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("A");
        handoff("B");
        try (SseClient sse = new SseClient(inbox, "?after=0", "1")) {
            assertThat(sse.nextEvent().seq()).isEqualTo("2");
        }
    }

    @Test
    void withoutAPositionTheStreamStartsAtTheLatestChange() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("old");
        try (SseClient sse = new SseClient(inbox, "", null)) {
            assertThat(sse.next().comment()).isEqualTo("connected");
            handoff("new");
            SseClient.Frame f = sse.nextEvent();
            assertThat(f.seq()).isEqualTo("2");
            assertThat(f.json().get("summary").asText()).isEqualTo("new");
        }
    }

    @Test
    void silenceIsBrokenByAPingComment() throws IOException {
        inbox = new InboxFixture(dir, s -> s.withHeartbeat(Duration.ofMillis(200)));
        try (SseClient sse = new SseClient(inbox, "", null)) {
            assertThat(sse.next().comment()).isEqualTo("connected");
            assertThat(sse.next().comment()).isEqualTo("ping");
            assertThat(sse.next().comment()).isEqualTo("ping");
        }
    }

    @Test
    void badPositionIs400() throws IOException {
        inbox = new InboxFixture(dir);
        try (SseClient sse = new SseClient(inbox, "", "latest")) {
            assertThat(sse.status()).isEqualTo(400);
        }
        try (SseClient sse = new SseClient(inbox, "?after=-1", null)) {
            assertThat(sse.status()).isEqualTo(400);
        }
        try (SseClient sse = new SseClient(inbox, "?after=0&after=999", null)) {
            assertThat(sse.status()).as("which of the two positions was meant?").isEqualTo(400);
        }
    }

    @Test
    void shutdownEndsOpenStreamsPromptly() throws IOException {
        inbox = new InboxFixture(dir);
        try (SseClient sse = new SseClient(inbox, "", null)) {
            assertThat(sse.next().comment()).isEqualTo("connected");
            long start = System.nanoTime();
            inbox.close();
            // the stream ends cleanly (null) or the connection is cut: either way not after a heartbeat
            try {
                assertThat(sse.next()).isNull();
            } catch (IOException cut) {
                assertThat(cut).isNotNull();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> inbox.get("/healthz")).isInstanceOf(java.io.UncheckedIOException.class);
        inbox = null;
    }

    @Test
    void aPositionBeyondTheLastChangeIs409WithTheLastSeqNotASilentWait() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("A");
        handoff("B");
        try (SseClient sse = new SseClient(inbox, "?after=100000", null)) {
            assertThat(sse.status()).isEqualTo(409);
        }
        var answer = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/stream"))
                .header("Authorization", "Bearer " + InboxFixture.API_TOKEN).header("Last-Event-ID", "3").build());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("last_seq").asLong()).isEqualTo(2);
        assertThat(answer.json().get("field").asText()).isEqualTo("Last-Event-ID");
        assertThat(answer.json().get("error").asText()).contains("beyond this inbox's last change (2)");
        try (SseClient sse = new SseClient(inbox, "?after=2", null)) {
            assertThat(sse.status()).as("the last change itself is a fine position").isEqualTo(200);
        }
    }

    @Test
    void theListNamesTheDatabaseAndAStreamForAnotherDatabaseIs409() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("A");
        String id = inbox.get("/api/handoffs").json().get("database_id").asText();
        assertThat(id).isNotBlank();
        var other = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/stream?after=0"))
                .header("Authorization", "Bearer " + InboxFixture.API_TOKEN)
                .header("X-Inbox-Database-Id", "some-other-database").build());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("database_id").asText()).isEqualTo(id);
        assertThat(other.json().get("field").asText()).isEqualTo("X-Inbox-Database-Id");
    }

    @Test
    void aStreamWhoseLastChangeWasReplacedUnderTheRunningInboxEndsSoTheClientIsToldOnReconnect() throws Exception {
        // what `sqlite3 inbox.db ".restore old.db"` does under a running inbox: the changes a stream
        // sent are gone, and their sequence numbers come back with other handoffs
        inbox = new InboxFixture(dir);
        handoff("A");
        String last;
        try (SseClient stream = new SseClient(inbox, "", "0")) {
            assertThat(stream.nextEvent().seq()).isEqualTo("1");
            handoff("B");
            var b = stream.nextEvent();
            assertThat(b.seq()).isEqualTo("2");
            last = b.id();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + inbox.db);
                 var st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                st.executeUpdate("DELETE FROM changes WHERE seq = 2");
            }
            handoff("C, written after the restore");
            var frame = stream.next();
            assertThat(frame.comment()).as("no event for C on a stream that lost its place").contains("database was replaced");
            assertThat(stream.next()).as("the stream ends").isNull();
        }
        try (SseClient again = new SseClient(inbox, "", last)) {
            assertThat(again.status()).as("the reconnect is told to read the list again").isEqualTo(409);
        }
    }

    @Test
    void afterABackupThatIsBehindIsRestoredPositionsAreJudgedByTheDatabaseNotByWhatTheFeedHandedOut() throws Exception {
        inbox = new InboxFixture(dir);
        for (String name : new String[]{"A", "B", "C", "D", "E"}) {
            handoff(name);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + inbox.db); var st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            st.executeUpdate("DELETE FROM changes WHERE seq > 2");
            try {
                st.executeUpdate("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'changes'");
            } catch (java.sql.SQLException noAutoincrement) {
                // max(seq) + 1 is the next number then
            }
        }
        try (SseClient plain = new SseClient(inbox, "", "4")) {
            assertThat(plain.status()).as("4 is beyond the database's last change (2)").isEqualTo(409);
        }
        try (SseClient fresh = new SseClient(inbox, "", null)) {
            assertThat(fresh.status()).isEqualTo(200);
            assertThat(fresh.next().comment()).isEqualTo("connected");
            handoff("F, after the restore");
            assertThat(fresh.nextEvent().json().get("summary").asText()).as("a stream without a position gets the next change")
                    .startsWith("F, after the restore");
        }
    }
}
