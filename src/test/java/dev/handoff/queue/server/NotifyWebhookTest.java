package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.HandoffEvent;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.notify.NotifyConfig;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.NewHandoff;
import dev.handoff.queue.store.Outbox;
import dev.handoff.queue.store.TestDatabases;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inbox serve} alerting a chat webhook (MockWebServer on 127.0.0.1) from the store's outbox. */
class NotifyWebhookTest {

    /** The webhook URL is a secret: whoever has it can post to the team's channel. */
    static final String SECRET_PATH = "/services/T0AAA/B0BBB/zK3xQ9secretWebhookToken";

    @TempDir
    Path dir;
    MockWebServer chat;
    final List<RecordedRequest> posts = new CopyOnWriteArrayList<>();
    /** Answers to give, in order; 200 once they run out. */
    final Queue<MockResponse> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws IOException {
        chat = new MockWebServer();
        chat.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                posts.add(request);
                MockResponse next = answers.poll();
                return next != null ? next : new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        chat.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    NotifyConfig config(int maxAttempts) {
        return config(chat.url(SECRET_PATH).toString(), maxAttempts);
    }

    static NotifyConfig config(String url, int maxAttempts) {
        return new NotifyConfig(List.of(new NotifyConfig.Webhook("team-chat", new NotifyConfig.EnvSecret("SLACK_WEBHOOK_URL", url), true)),
                "https://inbox.example.com/handoffs/{id}", 5,
                new NotifyConfig.Retry(maxAttempts, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
    }

    InboxFixture inbox(NotifyConfig config) throws IOException {
        Path db = dir.resolve("inbox.db");
        return new InboxFixture(db, InboxStore.open(db, Clock.systemUTC()), config);
    }

    @Test
    void aNewHandoffIsPostedOnceWithVisitorReasonLinkAndTheLastFiveMessagesAndARedeliveryPostsNothing() throws Exception {
        try (InboxFixture inbox = inbox(config(3))) {
            String event = InboxFixture.event("event-with-seven-last-messages.json");
            assertThat(inbox.deliver(event, "Idempotency-Key", "delivery-1").status()).isEqualTo(201);
            waitUntil(() -> posts.size() == 1);
            assertThat(inbox.deliver(event, "Idempotency-Key", "delivery-1").status()).isEqualTo(200);
            // a second handoff, posted after the redelivery was answered: once it arrives, a post for the redelivery would have too
            assertThat(inbox.deliver(InboxFixture.event("second", "2025-09-19T12:40:00Z")).status()).isEqualTo(201);
            waitUntil(() -> posts.size() >= 2);
            waitUntil(() -> sent(inbox, 2));
            // the row is marked sent before the sender writes its log line
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_sent\""));

            assertThat(posts).hasSize(2);
            RecordedRequest first = posts.get(0);
            assertThat(first.getMethod()).isEqualTo("POST");
            assertThat(first.getUrl().encodedPath()).isEqualTo(SECRET_PATH);
            assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
            JsonNode body = QueueJson.mapper().readTree(first.getBody().utf8());
            assertThat(body.get("text").asText()).isEqualTo("🙋 Human Handoff Requested: Jane Doe (+15551234567) "
                    + "(criteria_matched: user_requested_human) <https://inbox.example.com/handoffs/1|open>");
            String blocks = body.get("blocks").toString();
            assertThat(blocks).contains("Wants custom integrations", "*Last 5 messages:*",
                    "> *User:* I have a complex question about enterprise pricing",
                    "> *AI:* I can help with basic integrations...",
                    "https://inbox.example.com/handoffs/1", "https://api.whatsapp.com/send?phone=15551234567")
                    .doesNotContain("too old to quote", "TAIL-NEVER-SHOWN", "<!channel>")
                    .contains("&lt;!channel&gt;");
            JsonNode second = QueueJson.mapper().readTree(posts.get(1).getBody().utf8());
            assertThat(second.get("text").asText()).contains("handoffs/2|open");

            List<Outbox.Entry> rows = inbox.server.storeForTests().outbox().entries(1);
            assertThat(rows).singleElement().satisfies(e -> {
                assertThat(e.channel()).isEqualTo("team-chat");
                assertThat(e.state()).isEqualTo(Outbox.State.SENT);
                assertThat(e.attempts()).isEqualTo(1);
            });
            assertThat(inbox.log.toString()).contains("\"event\":\"notify_sent\"");
        }
    }

    @Test
    void aServerErrorIsRetriedWithBackoffAndTheHandoffIsPostedOnceSuccessfully() throws Exception {
        answers.add(new MockResponse.Builder().code(500).body("internal_error").build());
        try (InboxFixture inbox = inbox(config(3))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> sent(inbox, 1));
            // the row is marked sent before the sender writes its log line
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_sent\""));
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.attempts()).isEqualTo(2);
            assertThat(row.lastError()).isNull();
            assertThat(posts).hasSize(2);
            assertThat(inbox.log.toString()).contains("\"event\":\"notify_retry\"", "HTTP 500: internal_error",
                    "\"event\":\"notify_sent\"");
        }
    }

    @Test
    void aHandoffStoredBeforeTheInboxDiedIsPostedAfterTheRestartAndSoIsOneWhoseSenderDiedMidSend() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            store.ingest(newHandoff("stored-before-the-crash")).get();
            store.ingest(newHandoff("claimed-before-the-crash")).get();
            // a sender took the second row and died before marking it: its short lease runs out
            assertThat(store.outbox().claim("team-chat", 1, Duration.ofMillis(1)).get()).hasSize(1);
        }
        assertThat(posts).isEmpty();
        try (InboxFixture inbox = new InboxFixture(db, InboxStore.open(db, Clock.systemUTC()), config(3))) {
            waitUntil(() -> sent(inbox, 2));
            assertThat(posts).hasSize(2);
            assertThat(inbox.server.storeForTests().outbox().counts().get("team-chat"))
                    .containsExactly(java.util.Map.entry(Outbox.State.SENT, 2L));
        }
    }

    @Test
    void theWebhookUrlNeverAppearsInTheLogOrTheOutboxEvenWhenTheServerEchoesIt() throws Exception {
        String url = chat.url(SECRET_PATH).toString();
        answers.add(new MockResponse.Builder().code(404).body("no_service: " + url).build());
        answers.add(new MockResponse.Builder().code(403).body("invalid_token for " + SECRET_PATH).build());
        try (InboxFixture inbox = inbox(config(2))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_failed\""));
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.state()).isEqualTo(Outbox.State.FAILED);
            assertThat(row.attempts()).isEqualTo(2);
            assertThat(row.lastError()).startsWith("HTTP 403: invalid_token for <redacted>");
            String log = inbox.log.toString();
            assertThat(log).contains("HTTP 404: no_service: <redacted>");
            for (String seen : List.of(log, row.lastError(), inbox.seen.toString())) {
                assertThat(seen).doesNotContain(SECRET_PATH).doesNotContain("zK3xQ9secretWebhookToken");
            }
        }
    }

    @Test
    void aSecretInTheUrlsQueryOrAnyPathSegmentIsMaskedInEveryFormTheServerEchoesIt() throws Exception {
        String path = "/services/T0/B0/PATHSECRETaaa111";
        String query = "token=QSECRET%2Fbbb222&team=x";
        String url = "http://127.0.0.1:" + chat.getPort() + path + "?" + query;
        // what chat services answer: the path and the query as sent, decoded, or one segment alone
        answers.add(new MockResponse.Builder().code(404).body("no hook at path " + path + " with query " + query).build());
        answers.add(new MockResponse.Builder().code(403).body("token QSECRET/bbb222 is not valid").build());
        // long enough that the kept 200 characters end inside the secret: masked before the cut
        answers.add(new MockResponse.Builder().code(410).body("x".repeat(185) + " hook PATHSECRETaaa111 was removed").build());
        try (InboxFixture inbox = new InboxFixture(dir.resolve("inbox.db"),
                InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC()), config(url, 3))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_failed\""));
            assertThat(posts).as("the server saw the secrets, so it could echo them").hasSize(3);
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.lastError()).startsWith("HTTP 410: xxx").contains(" hook <redac").doesNotContain("PATHSECRET");
            String log = inbox.log.toString();
            assertThat(log).contains("HTTP 404: no hook at path <redacted> with query <redacted>")
                    .contains("HTTP 403: token <redacted> is not valid");
            String api = inbox.get("/api/handoffs/1").body();
            for (String seen : List.of(log, row.lastError(), api, inbox.seen.toString())) {
                assertThat(seen).doesNotContain("PATHSECRET").doesNotContain("QSECRET").doesNotContain("bbb222");
            }
        }
    }

    @Test
    void twoInboxProcessesOnOnePostgresPostEachHandoffOnce() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        NotifyConfig config = config(3);
        int perInbox = 10;
        try (InboxFixture a = new InboxFixture(null, db.open(), config);
             InboxFixture b = new InboxFixture(null, db.open(), config)) {
            for (int i = 0; i < perInbox; i++) {
                assertThat(a.deliver(InboxFixture.event("a" + i, "2025-09-19T12:40:00Z")).status()).isEqualTo(201);
                assertThat(b.deliver(InboxFixture.event("b" + i, "2025-09-19T12:40:00Z")).status()).isEqualTo(201);
            }
            waitUntil(() -> sent(a, 2 * perInbox));
        }
        // both inboxes are stopped: every post either process made is in
        List<String> links = new ArrayList<>();
        for (RecordedRequest post : posts) {
            links.add(QueueJson.mapper().readTree(post.getBody().utf8()).get("text").asText());
        }
        assertThat(links).hasSize(2 * perInbox).doesNotHaveDuplicates();
    }

    static NewHandoff newHandoff(String key) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r", Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8), List.of("team-chat"));
    }

    private static boolean sent(InboxFixture inbox, long count) {
        var counts = inbox.server.storeForTests().outbox().counts().get("team-chat");
        return counts != null && counts.getOrDefault(Outbox.State.SENT, 0L) == count;
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
