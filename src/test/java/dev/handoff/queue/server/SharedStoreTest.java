package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim race and the stream's resume against both stores. On PostgreSQL two inbox servers
 * share one database, as two machines behind a load balancer would: operators and webhooks reach
 * either one. On SQLite (one process per file) both roles are the same server.
 */
class SharedStoreTest {

    @TempDir
    Path dir;

    private final List<InboxFixture> inboxes = new ArrayList<>();

    @AfterEach
    void stop() {
        inboxes.forEach(InboxFixture::close);
    }

    /** Two front ends on one store: two servers on PostgreSQL, one server twice on SQLite. */
    private InboxFixture[] twoInboxes(TestDatabases.Kind kind) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(kind, dir);
        InboxFixture a = new InboxFixture(db);
        inboxes.add(a);
        if (kind == TestDatabases.Kind.SQLITE) {
            return new InboxFixture[]{a, a};
        }
        InboxFixture b = new InboxFixture(db);
        inboxes.add(b);
        return new InboxFixture[]{a, b};
    }

    private static long handoff(InboxFixture inbox, String summary) {
        var answer = inbox.deliver(InboxFixture.event(summary, "2025-09-19T12:00:00Z"));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void operatorsOnEitherServerClaimingAtOnceExactlyOneWins(TestDatabases.Kind kind) throws Exception {
        InboxFixture[] inbox = twoInboxes(kind);
        for (int round = 0; round < 5; round++) {
            long id = handoff(inbox[round % 2], "race " + round);
            int operators = 8;
            CountDownLatch ready = new CountDownLatch(operators);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(operators);
            List<Future<InboxFixture.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                String name = "operator-" + i;
                InboxFixture via = inbox[i % 2];
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return via.act(id, "claim", name);
                }));
            }
            ready.await();
            go.countDown();
            List<InboxFixture.Answer> done = new ArrayList<>();
            for (Future<InboxFixture.Answer> f : answers) {
                done.add(f.get());
            }
            pool.shutdown();

            List<InboxFixture.Answer> winners = done.stream().filter(a -> a.status() == 200).toList();
            assertThat(winners).as("answers: %s", done).hasSize(1);
            String winner = winners.get(0).json().get("claimed_by").asText();
            assertThat(done.stream().filter(a -> a.status() == 409)).hasSize(operators - 1)
                    .allSatisfy(a -> assertThat(a.json().get("claimed_by").asText()).isEqualTo(winner));
            for (InboxFixture each : inbox) {
                JsonNode stored = each.get("/api/handoffs/" + id).json();
                assertThat(stored.get("claimed_by").asText()).isEqualTo(winner);
                assertThat(stored.get("version").asLong()).isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStreamOnOneServerGetsChangesMadeThroughTheOtherLiveAndAfterAReconnect(TestDatabases.Kind kind) throws Exception {
        InboxFixture[] inbox = twoInboxes(kind);
        InboxFixture a = inbox[0];
        InboxFixture b = inbox[1];
        handoff(a, "before the list");
        long seq = b.get("/api/handoffs").json().get("seq").asLong();
        assertThat(seq).isEqualTo(1);

        long first;
        String lastSeen;
        try (SseClient stream = new SseClient(b, "", Long.toString(seq))) {
            first = handoff(a, "A"); // arrives at the other server: LISTEN/NOTIFY wakes this stream
            SseClient.Frame created = stream.nextEvent();
            assertThat(created.seq()).isEqualTo("2");
            assertThat(created.json().get("summary").asText()).isEqualTo("A");
            lastSeen = created.id();
        }

        handoff(a, "B");
        assertThat(a.act(first, "claim", "alice").status()).isEqualTo(200);
        assertThat(b.act(first, "resolve", "alice").status()).isEqualTo(200);

        try (SseClient again = new SseClient(b, "", lastSeen)) {
            assertThat(again.nextEvent().json().get("summary").asText()).isEqualTo("B");
            SseClient.Frame claim = again.nextEvent();
            assertThat(claim.seq()).isEqualTo("4");
            assertThat(claim.json().get("claimed_by").asText()).isEqualTo("alice");
            SseClient.Frame resolve = again.nextEvent();
            assertThat(resolve.seq()).isEqualTo("5");
            assertThat(resolve.json().get("status").asText()).isEqualTo("resolved");
            assertThat(resolve.json().get("claimed_by").isNull()).isTrue();
            assertThat(resolve.json().get("resolved_by").asText()).isEqualTo("alice");
            assertThat(resolve.json().get("resolved_at").asText()).isEqualTo(resolve.json().get("updated_at").asText());

            handoff(a, "C");
            SseClient.Frame live = again.nextEvent();
            assertThat(live.seq()).isEqualTo("6");
            assertThat(live.json().get("summary").asText()).isEqualTo("C");
        }
    }
}
