package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorApiTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    private long handoff(String summary, String createdAt) {
        var answer = inbox.deliver(InboxFixture.event(summary, createdAt));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    @Test
    void apiNeedsItsOwnBearerTokenNeverTheWebhookSecret() throws IOException {
        inbox = new InboxFixture(dir);
        var none = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/handoffs")).build());
        var webhookSecret = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/handoffs"))
                .header("Authorization", "Bearer " + InboxFixture.WEBHOOK_SECRET).build());
        var basic = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/handoffs"))
                .header("Authorization", "Basic " + InboxFixture.API_TOKEN).build());
        var stream = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/stream")).build());
        var claim = inbox.post("/api/handoffs/1/claim", "{\"operator\":\"alice\"}", Map.of());

        assertThat(List.of(none, webhookSecret, basic, stream, claim)).allSatisfy(a -> assertThat(a.status()).isEqualTo(401));
        assertThat(none.headers().get("WWW-Authenticate")).containsExactly("Bearer realm=\"handoff-inbox\"");
        assertThat(inbox.get("/api/handoffs").status()).isEqualTo(200);
    }

    @Test
    void listIsOldestCreatedFirstPagedWithACursorAndCarriesTheLatestSeq() throws IOException {
        inbox = new InboxFixture(dir);
        handoff("third", "2025-09-19T12:00:03Z");
        handoff("first", "2025-09-19T12:00:01Z");
        handoff("second", "2025-09-19T14:00:02+02:00");
        handoff("fourth", "2025-09-19T12:00:04Z");
        handoff("fifth", "2025-09-19T12:00:05Z");

        JsonNode page1 = inbox.get("/api/handoffs?limit=2").json();
        JsonNode page2 = inbox.get("/api/handoffs?limit=2&cursor=" + page1.get("next_cursor").asText()).json();
        JsonNode page3 = inbox.get("/api/handoffs?limit=2&cursor=" + page2.get("next_cursor").asText()).json();

        assertThat(summaries(page1)).containsExactly("first", "second");
        assertThat(summaries(page2)).containsExactly("third", "fourth");
        assertThat(summaries(page3)).containsExactly("fifth");
        assertThat(page3.get("next_cursor").isNull()).isTrue();
        assertThat(page1.get("seq").asLong()).isEqualTo(5);
        assertThat(page1.get("items").get(0).get("whatsapp_url").asText()).startsWith("https://api.whatsapp.com/send?phone=15551234567");
    }

    @Test
    void listFiltersByStatus() throws IOException {
        inbox = new InboxFixture(dir);
        long a = handoff("a", "2025-09-19T12:00:01Z");
        long b = handoff("b", "2025-09-19T12:00:02Z");
        handoff("c", "2025-09-19T12:00:03Z");
        inbox.act(a, "claim", "alice");
        inbox.act(b, "resolve", "bob");

        assertThat(summaries(inbox.get("/api/handoffs?status=pending").json())).containsExactly("c");
        assertThat(summaries(inbox.get("/api/handoffs?status=in_progress").json())).containsExactly("a");
        assertThat(summaries(inbox.get("/api/handoffs?status=resolved").json())).containsExactly("b");
        assertThat(summaries(inbox.get("/api/handoffs?status=pending,in_progress").json())).containsExactly("a", "c");
        assertThat(summaries(inbox.get("/api/handoffs").json())).containsExactly("a", "b", "c");
    }

    @Test
    void badListParametersAre400NamingTheParameter() throws IOException {
        inbox = new InboxFixture(dir);
        var status = inbox.get("/api/handoffs?status=waiting");
        var limit = inbox.get("/api/handoffs?limit=0");
        var tooMany = inbox.get("/api/handoffs?limit=1001");
        var cursor = inbox.get("/api/handoffs?cursor=nonsense");

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("field").asText()).isEqualTo("status");
        assertThat(status.json().get("error").asText()).contains("waiting", "pending, in_progress, resolved");
        assertThat(limit.json().get("field").asText()).isEqualTo("limit");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("field").asText()).isEqualTo("cursor");

        // a parameter given twice would be decided by one of them: refused, naming it
        var twice = inbox.get("/api/handoffs?status=resolved&status=pending");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("field").asText()).isEqualTo("status");
        assertThat(twice.json().get("error").asText()).contains("given more than once").contains("status=pending,in_progress");
        assertThat(inbox.get("/api/handoffs?limit=5&limit=1000").status()).isEqualTo(400);
        var empty = inbox.get("/api/handoffs?status=&limit=1");
        assertThat(empty.status()).as("an empty status is no 'every status'").isEqualTo(400);
        assertThat(empty.json().get("field").asText()).isEqualTo("status");
    }

    @Test
    void servedJsonReadsBackIntoTheSharedHandoffRecord() throws IOException {
        inbox = new InboxFixture(dir);
        long id = handoff("s", "2025-09-19T12:00:01Z");
        inbox.act(id, "claim", "alice");

        JsonNode served = inbox.get("/api/handoffs/" + id).json();
        var handoff = dev.handoff.queue.QueueJson.mapper().treeToValue(served, dev.handoff.queue.Handoff.class);

        assertThat(handoff.id()).isEqualTo(id);
        assertThat(handoff.agentExternalId()).isEqualTo("crm-42");
        assertThat(handoff.phoneNumber()).isEqualTo("+15551234567");
        assertThat(handoff.status()).isEqualTo(dev.handoff.queue.Status.IN_PROGRESS);
        assertThat(handoff.claimedBy()).isEqualTo("alice");
        assertThat(handoff.createdAt()).isEqualTo(java.time.Instant.parse("2025-09-19T12:00:01Z"));
        assertThat(handoff.updatedAt()).isAfterOrEqualTo(handoff.receivedAt());
        assertThat(handoff.version()).isEqualTo(2);
    }

    @Test
    void unknownHandoffIs404() throws IOException {
        inbox = new InboxFixture(dir);
        assertThat(inbox.get("/api/handoffs/99").status()).isEqualTo(404);
        assertThat(inbox.get("/api/handoffs/99").json().get("error").asText()).isEqualTo("no handoff with id 99");
        assertThat(inbox.act(99, "claim", "alice").status()).isEqualTo(404);
        assertThat(inbox.get("/api/handoffs/abc").status()).isEqualTo(404);
    }

    @Test
    void anActionNamingAnotherHandoffThanTheOneUnderTheIdIsRefusedNotAppliedToIt() throws IOException {
        // after a backup restored under the running inbox, id 1 can be another customer's handoff
        inbox = new InboxFixture(dir);
        long id = handoff("s", "2025-09-19T12:00:01Z");
        String received = inbox.get("/api/handoffs/" + id).json().get("received_at").asText();
        var auth = java.util.Map.of("Authorization", "Bearer " + InboxFixture.API_TOKEN);

        var other = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":\"alice\",\"received_at\":\"2020-01-01T00:00:00Z\"}", auth);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().get("error").asText()).contains("is not the one the client saw").contains("read the list again");
        assertThat(other.json().get("received_at").asText()).isEqualTo(received);
        assertThat(inbox.get("/api/handoffs/" + id).json().get("status").asText()).as("nothing was claimed").isEqualTo("pending");

        var bad = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":\"alice\",\"received_at\":\"yesterday\"}", auth);
        assertThat(bad.status()).isEqualTo(400);

        var same = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":\"alice\",\"received_at\":\"" + received + "\"}", auth);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("claimed_by").asText()).isEqualTo("alice");
    }

    @Test
    void claimReleaseResolveFollowTheQueueRules() throws IOException {
        inbox = new InboxFixture(dir);
        long id = handoff("s", "2025-09-19T12:00:01Z");

        var claimed = inbox.act(id, "claim", "alice");
        var claimedAgain = inbox.act(id, "claim", "alice");
        var stolen = inbox.act(id, "claim", "bob");
        var releasedByOther = inbox.act(id, "release", "bob");
        var resolvedByOther = inbox.act(id, "resolve", "bob");
        var released = inbox.act(id, "release", "alice");
        var releasedTwice = inbox.act(id, "release", "alice");
        var claimedByBob = inbox.act(id, "claim", "bob");
        var resolved = inbox.act(id, "resolve", "bob");
        var claimResolved = inbox.act(id, "claim", "carol");
        var resolveResolved = inbox.act(id, "resolve", "bob");
        var resolvedByAnother = inbox.act(id, "resolve", "carol");

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().get("status").asText()).isEqualTo("in_progress");
        assertThat(claimed.json().get("claimed_by").asText()).isEqualTo("alice");
        assertThat(claimed.json().get("version").asLong()).isEqualTo(2);
        assertThat(claimedAgain.status()).isEqualTo(200);
        assertThat(claimedAgain.json().get("version").asLong()).isEqualTo(2);
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.json().get("error").asText()).isEqualTo("already claimed");
        assertThat(stolen.json().get("claimed_by").asText()).isEqualTo("alice");
        assertThat(releasedByOther.status()).isEqualTo(409);
        assertThat(releasedByOther.json().get("claimed_by").asText()).isEqualTo("alice");
        assertThat(releasedByOther.json().get("error").asText()).isEqualTo("already claimed");
        assertThat(resolvedByOther.status()).isEqualTo(409);
        assertThat(resolvedByOther.json().get("error").asText()).isEqualTo("already claimed");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("status").asText()).isEqualTo("pending");
        assertThat(released.json().get("claimed_by").isNull()).isTrue();
        assertThat(releasedTwice.status()).as("a retried release: nobody holds it, as asked").isEqualTo(200);
        assertThat(releasedTwice.json().get("version").asLong()).isEqualTo(3);
        assertThat(claimedByBob.status()).isEqualTo(200);
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("status").asText()).isEqualTo("resolved");
        assertThat(claimResolved.status()).isEqualTo(409);
        assertThat(claimResolved.json().get("error").asText()).contains("resolved");
        assertThat(claimResolved.json().get("status").asText()).isEqualTo("resolved");
        assertThat(resolveResolved.status()).as("a retried resolve by who resolved it").isEqualTo(200);
        assertThat(resolveResolved.json().get("resolved_by").asText()).isEqualTo("bob");
        assertThat(resolveResolved.json().get("version").asLong()).isEqualTo(5);
        assertThat(resolvedByAnother.status()).isEqualTo(409);
        assertThat(resolvedByAnother.json().get("error").asText()).isEqualTo("already resolved");
        assertThat(resolvedByAnother.json().get("resolved_by").asText()).isEqualTo("bob");
        assertThat(resolvedByAnother.json().get("resolved_at").asText()).isEqualTo(resolved.json().get("resolved_at").asText());
        assertThat(stolen.json().get("updated_at").asText()).as("since when alice holds it").isEqualTo(claimed.json().get("updated_at").asText());
        assertThat(inbox.get("/api/handoffs/" + id).json().get("version").asLong()).isEqualTo(5);
    }

    @Test
    void actionsNeedAnOperatorName() throws IOException {
        inbox = new InboxFixture(dir);
        long id = handoff("s", "2025-09-19T12:00:01Z");
        var auth = Map.of("Authorization", "Bearer " + InboxFixture.API_TOKEN);

        var empty = inbox.post("/api/handoffs/" + id + "/claim", "{}", auth);
        var blank = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":\"  \"}", auth);
        var number = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":7}", auth);
        var malformed = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":", auth);
        var trailing = inbox.post("/api/handoffs/" + id + "/claim", "{\"operator\":\"a\"} trailing", auth);

        assertThat(List.of(empty, blank, number, malformed, trailing)).allSatisfy(a -> assertThat(a.status()).isEqualTo(400));
        assertThat(empty.json().get("field").asText()).isEqualTo("operator");
        assertThat(inbox.get("/api/handoffs/" + id).json().get("status").asText()).isEqualTo("pending");
    }

    @Test
    void twoOperatorsClaimingAtOnceExactlyOneWins() throws Exception {
        inbox = new InboxFixture(dir);
        for (int round = 0; round < 5; round++) {
            long id = handoff("race " + round, "2025-09-19T12:00:0" + round + "Z");
            int operators = 8;
            CountDownLatch ready = new CountDownLatch(operators);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(operators);
            List<Future<InboxFixture.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < operators; i++) {
                String name = "operator-" + i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return inbox.act(id, "claim", name);
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
            assertThat(winners).hasSize(1);
            String winner = winners.get(0).json().get("claimed_by").asText();
            assertThat(done.stream().filter(a -> a.status() == 409)).hasSize(operators - 1)
                    .allSatisfy(a -> assertThat(a.json().get("claimed_by").asText()).isEqualTo(winner));
            JsonNode stored = inbox.get("/api/handoffs/" + id).json();
            assertThat(stored.get("claimed_by").asText()).isEqualTo(winner);
            assertThat(stored.get("version").asLong()).isEqualTo(2);
        }
    }

    private static List<String> summaries(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("summary").asText()));
        return out;
    }
}
