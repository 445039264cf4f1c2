package dev.handoff.tui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.Status;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Chatwoot source against MockWebServer serving the shapes of Chatwoot's application API
 * (conversation list {@code {data:{meta,payload}}}, the conversation partial with
 * {@code meta.sender} and {@code meta.assignee}, profile, assignments, toggle_status); the
 * fixtures are under {@code src/test/resources/tui/chatwoot/}.
 */
class ChatwootSourceTest {

    static final String TOKEN = "cw-token-Zx81";
    static final String BASE = "/api/v1/accounts/3/conversations";

    MockWebServer server;
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    ChatwootSource source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String key = request.getMethod() + " " + request.getUrl().encodedPath();
                Function<RecordedRequest, MockResponse> route = routes.get(key);
                return route != null ? route.apply(request) : new MockResponse.Builder().code(404)
                        .body("{\"error\":\"Resource could not be found\"}").build();
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    private ChatwootSource source() {
        source = new ChatwootSource(server.url("/").toString(), 3, TOKEN, "CHATWOOT_API_TOKEN",
                Duration.ofMillis(200), Clock.systemUTC());
        return source;
    }

    static String fixture(String name) {
        try (InputStream in = ChatwootSourceTest.class.getResourceAsStream("/tui/chatwoot/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MockResponse ok(String fixtureName) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(fixture(fixtureName)).build();
    }

    /** The first poll's lists: 42 pending; 43 (Bob's), 44 and 45 open over two pages. */
    private void firstPollLists() {
        routes.put("GET " + BASE, r -> {
            String status = r.getUrl().queryParameter("status");
            String page = r.getUrl().queryParameter("page");
            if ("pending".equals(status)) {
                return ok("1".equals(page) ? "conversations-pending.json" : "conversations-empty.json");
            }
            if ("open".equals(status)) {
                return ok("1".equals(page) ? "conversations-open-page1.json"
                        : "2".equals(page) ? "conversations-open-page2.json" : "conversations-empty.json");
            }
            return new MockResponse.Builder().code(400).build();
        });
    }

    private void secondPollLists() {
        routes.put("GET " + BASE, r -> {
            String status = r.getUrl().queryParameter("status");
            boolean first = "1".equals(r.getUrl().queryParameter("page"));
            if (!first) {
                return ok("conversations-empty.json");
            }
            return ok("pending".equals(status) ? "conversations-pending-second-poll.json" : "conversations-open-second-poll.json");
        });
    }

    private static Handoff find(List<QueueEntry> entries, long id) {
        return entries.stream().filter(e -> e.id() == id).findFirst().orElseThrow().handoff();
    }

    @Test
    void conversationsBecomeHandoffsWithTheDocumentedStatusMapping() {
        firstPollLists();
        List<QueueEntry> entries = source().snapshot().items();

        assertThat(entries).extracting(QueueEntry::id).containsExactlyInAnyOrder(42L, 43L, 44L, 45L);
        Handoff jane = find(entries, 42);
        assertThat(jane.status()).as("pending").isEqualTo(Status.PENDING);
        assertThat(jane.name()).isEqualTo("Jane Doe");
        assertThat(jane.phoneNumber()).isEqualTo("+15551234567");
        assertThat(jane.summary()).isEqualTo("I want to talk to a person about my refund");
        assertThat(jane.reason()).isEqualTo("human_handoff, billing");
        assertThat(jane.createdAt()).isEqualTo(Instant.ofEpochSecond(1758285000));
        assertThat(jane.receivedAt()).as("waiting_since").isEqualTo(Instant.ofEpochSecond(1758285296));
        assertThat(jane.agentId()).isEqualTo("inbox:5");
        assertThat(jane.agentExternalId()).isEqualTo("crm-42");
        assertThat(jane.claimedBy()).isNull();

        Handoff omar = find(entries, 43);
        assertThat(omar.status()).as("open with an assignee").isEqualTo(Status.IN_PROGRESS);
        assertThat(omar.claimedBy()).as("the assignee's available_name").isEqualTo("Bob");
        assertThat(find(entries, 44).status()).as("open without an assignee").isEqualTo(Status.PENDING);
        assertThat(find(entries, 44).reason()).isNull();

        QueueEntry janeEntry = entries.stream().filter(e -> e.id() == 42).findFirst().orElseThrow();
        assertThat(janeEntry.whatsappUrl()).startsWith("https://api.whatsapp.com/send?phone=15551234567&text=Hi");
    }

    @Test
    void everyPageIsReadWithTheAccessTokenHeader() {
        firstPollLists();
        source().snapshot();
        List<RecordedRequest> lists = requests.stream().filter(r -> r.getUrl().encodedPath().equals(BASE)).toList();
        assertThat(lists).extracting(r -> r.getUrl().queryParameter("status") + ":" + r.getUrl().queryParameter("page"))
                .containsExactly("pending:1", "open:1", "open:2");
        assertThat(lists).allSatisfy(r -> {
            assertThat(r.getHeaders().get("api_access_token")).isEqualTo(TOKEN);
            assertThat(r.getUrl().queryParameter("assignee_type")).isEqualTo("all");
        });
    }

    @Test
    void snoozedAndResolvedConversationsAreNotInTheQueue() throws Exception {
        JsonNode snoozed = QueueJson.mapper().readTree(fixture("conversations-open-with-snoozed.json"))
                .path("data").path("payload").get(0);
        assertThat(ChatwootMapping.toEntry(snoozed, 1)).isNull();
        JsonNode resolved = QueueJson.mapper().readTree(fixture("conversation-42-resolved.json"));
        assertThat(ChatwootMapping.toEntry(resolved, 1).handoff().status()).isEqualTo(Status.RESOLVED);
        assertThat(ChatwootMapping.status("snoozed", false)).isNull();
    }

    @Test
    void pollsTurnIntoChangesAndAConversationThatLeftTheListsIsResolved() throws Exception {
        firstPollLists();
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source().start(rec);
        List<Object> first = rec.nextData(1);
        QueueSource.Snapshot snapshot = (QueueSource.Snapshot) first.get(0);
        assertThat(snapshot.items()).hasSize(4);
        long base = snapshot.seq();

        secondPollLists();
        List<Object> changes = rec.nextData(3);
        // new and changed rows first, in list order, then the ones that left; seq goes on from the snapshot
        assertThat(changes).containsExactly(
                "change " + (base + 1) + " #47 pending",
                "change " + (base + 2) + " #45 in_progress",
                "change " + (base + 3) + " #44 resolved");
        assertThat(source.state()).isInstanceOf(ConnectionState.Live.class);
    }

    /** Found by an outside tester: the lists are read page by page, and a conversation can slip between two pages. */
    @Test
    void aConversationMissingFromTheListsButStillOpenIsNotCalledResolved() throws Exception {
        firstPollLists();
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source().start(rec);
        long base = ((QueueSource.Snapshot) rec.nextData(1).get(0)).seq();

        routes.put("GET " + BASE + "/44", r -> ok("conversation-44-still-open.json"));
        secondPollLists();
        assertThat(rec.nextData(2)).containsExactly("change " + (base + 1) + " #47 pending", "change " + (base + 2) + " #45 in_progress");
        // asked on its own, #44 is still open: the next polls say nothing of it, until it is really gone
        Thread.sleep(600);
        routes.remove("GET " + BASE + "/44");
        assertThat(rec.nextData(1)).containsExactly("change " + (base + 3) + " #44 resolved");
    }

    @Test
    void aFailingPollMarksTheQueueStaleSinceTheLastGoodPollAndItRecovers() throws Exception {
        firstPollLists();
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source().start(rec);
        assertThat(rec.next()).isEqualTo("Live");
        rec.nextData(1);

        routes.put("GET " + BASE, r -> new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
        Object state;
        do {
            state = rec.next();
        } while (!"Stale".equals(state));
        ConnectionState stale = source.state();
        assertThat(stale).isInstanceOf(ConnectionState.Stale.class);
        assertThat(stale.label(java.time.ZoneOffset.UTC)).startsWith("stale since ").contains("HTTP 502");

        firstPollLists();
        do {
            state = rec.next();
        } while (!"Live".equals(state));
        assertThat(source.state()).isInstanceOf(ConnectionState.Live.class);
    }

    @Test
    void aRefusedTokenIsAnAuthErrorOnceAndFatalWhenFollowing() throws Exception {
        routes.put("GET " + BASE, r -> new MockResponse.Builder().code(401).body(fixture("error-unauthorized.json")).build());
        assertThatThrownBy(() -> source().snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
                    assertThat(e.getMessage()).contains(server.url(BASE).toString().replace("/", "/"), "HTTP 401")
                            .doesNotContain(TOKEN);
                    assertThat(e.hint()).contains("CHATWOOT_API_TOKEN");
                });
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source.start(rec);
        Object e;
        do {
            e = rec.next();
        } while (!(e instanceof HandoffException));
        assertThat(((HandoffException) e).kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(rec.labels).last().isEqualTo("Chatwoot refused the token (401); check CHATWOOT_API_TOKEN");
    }

    @Test
    void claimAssignsToTheTokensOwnAgentAndOpensAPendingConversation() throws Exception {
        List<String> shows = new ArrayList<>(List.of("conversation-42.json", "conversation-42-claimed.json"));
        routes.put("GET /api/v1/profile", r -> ok("profile.json"));
        routes.put("GET " + BASE + "/42", r -> ok(shows.size() > 1 ? shows.remove(0) : shows.get(0)));
        routes.put("POST " + BASE + "/42/assignments", r -> ok("assignment-alice.json"));
        routes.put("POST " + BASE + "/42/toggle_status", r -> ok("toggle-status-open.json"));

        QueueEntry claimed = source().claim(42, "alice");

        assertThat(claimed.handoff().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(claimed.handoff().claimedBy()).isEqualTo("alice");
        assertThat(requests).extracting(r -> r.getMethod() + " " + r.getUrl().encodedPath()).containsExactly(
                "GET /api/v1/profile",
                "GET " + BASE + "/42",
                "POST " + BASE + "/42/assignments",
                "POST " + BASE + "/42/toggle_status",
                "GET " + BASE + "/42");
        assertThat(QueueJson.mapper().readTree(requests.get(2).getBody().utf8()).path("assignee_id").asLong()).isEqualTo(1);
        assertThat(QueueJson.mapper().readTree(requests.get(3).getBody().utf8()).path("status").asText()).isEqualTo("open");
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeaders().get("api_access_token")).isEqualTo(TOKEN));
    }

    @Test
    void claimingAConversationAnotherAgentHoldsIsRefusedWithoutWriting() {
        routes.put("GET /api/v1/profile", r -> ok("profile.json"));
        routes.put("GET " + BASE + "/43", r -> ok("conversation-43.json"));
        assertThatThrownBy(() -> source().claim(43, "alice"))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("already claimed by Bob");
                });
        assertThat(requests).noneMatch(r -> r.getMethod().equals("POST"));
    }

    @Test
    void anAssigneeWithoutANameIsAnotherOperatorNotAnEmptyName() {
        String nameless = fixture("conversation-43.json")
                .replace("\"available_name\": \"Bob\"", "\"available_name\": \"\"")
                .replace("\"name\": \"Bob Agent\"", "\"name\": null");
        routes.put("GET /api/v1/profile", r -> ok("profile.json"));
        routes.put("GET " + BASE + "/43", r -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/json").body(nameless).build());
        assertThatThrownBy(() -> source().claim(43, "alice"))
                .hasMessage("already claimed by another operator");
    }

    @Test
    void releaseRemovesTheAssigneeAndResolveTogglesTheStatus() throws Exception {
        routes.put("POST " + BASE + "/43/assignments", r -> new MockResponse.Builder().code(200).body("null").build());
        routes.put("GET " + BASE + "/43", r -> ok("conversation-43-released.json"));
        routes.put("POST " + BASE + "/42/toggle_status", r -> ok("toggle-status-resolved.json"));
        routes.put("GET " + BASE + "/42", r -> ok("conversation-42-resolved.json"));

        QueueEntry released = source().release(43, "alice");
        assertThat(released.handoff().status()).isEqualTo(Status.PENDING);
        JsonNode body = QueueJson.mapper().readTree(requests.get(0).getBody().utf8());
        assertThat(body.has("assignee_id")).isTrue();
        assertThat(body.get("assignee_id").isNull()).isTrue();

        QueueEntry resolved = source.resolve(42, "alice");
        assertThat(resolved.handoff().status()).isEqualTo(Status.RESOLVED);
        RecordedRequest toggle = requests.stream().filter(r -> r.getUrl().encodedPath().endsWith("toggle_status")).findFirst().orElseThrow();
        assertThat(QueueJson.mapper().readTree(toggle.getBody().utf8()).path("status").asText()).isEqualTo("resolved");
    }

    @Test
    void aConversationThatIsNotThereIsARemoteErrorNamingTheUrl() {
        routes.put("GET /api/v1/profile", r -> ok("profile.json"));
        assertThatThrownBy(() -> source().claim(999, "alice"))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                    assertThat(e.getMessage()).contains(BASE + "/999", "HTTP 404");
                });
    }

    @Test
    void theDescriptionNamesTheInstallationAndAccountButNeverTheToken() {
        assertThat(source().describe()).isEqualTo("chatwoot " + server.url("/") + " account 3").doesNotContain(TOKEN);
    }
}
