package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
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
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox's queue API and event stream, served by MockWebServer on 127.0.0.1. */
class InboxSourceTest {

    static final String TOKEN = "s3cr3t-operator-token";

    MockWebServer server;
    final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    InboxSource source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String key = request.getMethod() + " " + request.getUrl().encodedPath();
                Function<RecordedRequest, MockResponse> route = routes.get(key);
                return route != null ? route.apply(request) : new MockResponse.Builder().code(404).build();
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

    private InboxSource source() {
        return source(Duration.ofSeconds(35));
    }

    private InboxSource source(Duration streamReadTimeout) {
        source = new InboxSource(server.url("/").toString(), TOKEN, "HANDOFF_INBOX_TOKEN", Clock.systemUTC(),
                Duration.ofMillis(20), streamReadTimeout);
        return source;
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    static String handoffJson(QueueEntry e) {
        return e.toJson().toString();
    }

    static String page(long seq, String nextCursor, QueueEntry... items) {
        ObjectNode page = QueueJson.mapper().createObjectNode();
        var list = page.putArray("items");
        for (QueueEntry e : items) {
            list.add(e.toJson());
        }
        if (nextCursor == null) {
            page.putNull("next_cursor");
        } else {
            page.put("next_cursor", nextCursor);
        }
        page.put("seq", seq);
        return page.toString();
    }

    static String withDatabaseId(String page, String id) {
        try {
            ObjectNode node = (ObjectNode) QueueJson.mapper().readTree(page);
            node.put("database_id", id);
            return node.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String event(long id, QueueEntry e) {
        return "id: " + id + "\nevent: handoff\ndata: " + handoffJson(e) + "\n\n";
    }

    static MockResponse stream(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private void listing(long seq) {
        routes.put("GET /api/handoffs", r -> {
            String status = r.getUrl().queryParameter("status");
            String cursor = r.getUrl().queryParameter("cursor");
            // both statuses in one request a page: a claim between two requests can neither hide nor double a handoff
            if ("pending,in_progress".equals(status) && cursor == null) {
                return json(200, page(seq, "p2", pending(1, "Alice", 10)));
            }
            if ("pending,in_progress".equals(status) && "p2".equals(cursor)) {
                return json(200, page(seq, null, pending(2, "Bob", 20), entry(3, "Carol", Status.IN_PROGRESS, "bob", 30, 2)));
            }
            return json(400, "{\"error\":\"bad status\"}");
        });
    }

    @Test
    void theSnapshotReadsEveryPageOfPendingAndInProgressWithTheBearerToken() {
        listing(5);
        QueueSource.Snapshot snapshot = source().snapshot();

        assertThat(snapshot.items()).extracting(QueueEntry::id).containsExactly(1L, 2L, 3L);
        assertThat(snapshot.seq()).as("the first page's seq is where the stream resumes").isEqualTo(5);
        QueueEntry carol = snapshot.items().get(2);
        assertThat(carol.handoff().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(carol.handoff().claimedBy()).isEqualTo("bob");
        assertThat(carol.whatsappUrl()).isEqualTo(WhatsAppLink.forPhone("+15550000003"));
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.getUrl().queryParameter("limit")).isEqualTo("500");
            assertThat(r.getUrl().queryParameter("status")).isEqualTo("pending,in_progress");
        });
        assertThat(requests.get(1).getUrl().queryParameter("cursor")).isEqualTo("p2");
    }

    @Test
    void aRefusedTokenIsAnAuthErrorNamingTheUrlAndTheVariableButNotTheToken() {
        routes.put("GET /api/handoffs", r -> json(401, "{\"error\":\"bad token\"}"));
        assertThatThrownBy(() -> source().snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
                    assertThat(e.getMessage()).contains(server.url("/api/handoffs").toString(), "HTTP 401")
                            .doesNotContain(TOKEN);
                    assertThat(e.hint()).contains("HANDOFF_INBOX_TOKEN").doesNotContain(TOKEN);
                });
    }

    @Test
    void forbiddenIsAnAuthErrorToo() {
        routes.put("GET /api/handoffs", r -> json(403, "{}"));
        assertThatThrownBy(() -> source().snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH));
    }

    @Test
    void anUnreachableInboxIsARemoteErrorNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";
        source = new InboxSource(url, TOKEN, "HANDOFF_INBOX_TOKEN", Clock.systemUTC());
        assertThatThrownBy(() -> source.snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                    assertThat(e.getMessage()).startsWith("cannot reach http://127.0.0.1:" + port + "/api/handoffs");
                });
    }

    @Test
    void aServerErrorOrAnAnswerThatIsNotJsonIsARemoteError() {
        routes.put("GET /api/handoffs", r -> json(503, "{\"error\":\"store unavailable\"}"));
        assertThatThrownBy(() -> source().snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
                    assertThat(e.getMessage()).contains("answered HTTP 503: store unavailable");
                });
        routes.put("GET /api/handoffs", r -> json(200, "<html>hello</html>"));
        assertThatThrownBy(() -> source.snapshot())
                .isInstanceOfSatisfying(HandoffException.class, e ->
                        assertThat(e.getMessage()).contains("not JSON"));
        routes.put("GET /api/handoffs", r -> json(200, "{\"rows\":[]}"));
        assertThatThrownBy(() -> source.snapshot()).hasMessageContaining("without an \"items\" list");
    }

    @Test
    void claimPostsTheOperatorAndAConflictNamesWhoHoldsTheHandoff() throws Exception {
        routes.put("POST /api/handoffs/1/claim", r -> json(200,
                handoffJson(Entries.with(pending(1, "Alice", 10), Status.IN_PROGRESS, "alice", 2))));
        routes.put("POST /api/handoffs/2/claim", r -> json(409, "{\"error\":\"already claimed\",\"claimed_by\":\"bob\"}"));
        routes.put("POST /api/handoffs/3/release", r -> json(200, handoffJson(pending(3, "Carol", 30))));
        routes.put("POST /api/handoffs/3/resolve", r -> json(200,
                handoffJson(Entries.with(pending(3, "Carol", 30), Status.RESOLVED, null, 5))));

        QueueEntry claimed = source().claim(1, "alice");
        assertThat(claimed.handoff().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(claimed.handoff().claimedBy()).isEqualTo("alice");
        RecordedRequest post = requests.get(0);
        assertThat(post.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(QueueJson.mapper().readTree(post.getBody().utf8()).path("operator").asText()).isEqualTo("alice");

        assertThatThrownBy(() -> source.claim(2, "alice"))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("already claimed by bob");
                });
        assertThat(source.release(3, "alice").handoff().status()).isEqualTo(Status.PENDING);
        assertThat(source.resolve(3, "alice").handoff().status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void anActionSaysWhichHandoffTheViewShowsUnderTheIdSoARestoredInboxCanRefuseAnother() throws Exception {
        listing(5);
        QueueEntry carol = source().snapshot().items().get(2);
        routes.put("POST /api/handoffs/3/resolve", r -> json(200,
                handoffJson(Entries.with(pending(3, "Carol", 30), Status.RESOLVED, null, 5))));
        // the received_at of the row on screen, not of whatever the source read since (a paused view)
        java.time.Instant shown = carol.handoff().receivedAt().minusSeconds(60);
        source.act(OperatorAction.RESOLVE, 3, shown, "bob");
        RecordedRequest post = requests.get(requests.size() - 1);
        var body = QueueJson.mapper().readTree(post.getBody().utf8());
        assertThat(body.path("operator").asText()).isEqualTo("bob");
        assertThat(body.path("received_at").asText()).isEqualTo(shown.toString());
    }

    @Test
    void aConflictSaysWhoHoldsTheHandoffOnceInPlainWords() {
        assertThat(SourceHttp.conflictReason("{\"error\":\"already claimed\",\"claimed_by\":\"bob\"}"))
                .isEqualTo("already claimed by bob");
        // what earlier inboxes answered to a release or resolve of someone else's handoff
        assertThat(SourceHttp.conflictReason("{\"error\":\"claimed by another operator\",\"claimed_by\":\"bob\"}"))
                .isEqualTo("already claimed by bob");
        assertThat(SourceHttp.conflictReason("{\"error\":\"already claimed\",\"claimed_by\":null}"))
                .isEqualTo("already claimed by another operator");
        assertThat(SourceHttp.conflictReason("{\"error\":\"claimed by another operator\"}"))
                .isEqualTo("already claimed by another operator");
        assertThat(SourceHttp.conflictReason("{\"error\":\"already resolved\",\"claimed_by\":null}"))
                .isEqualTo("already resolved");
        assertThat(SourceHttp.conflictReason("{\"error\":\"already resolved\",\"claimed_by\":null,\"resolved_by\":\"carol\"}"))
                .isEqualTo("already resolved by carol");
        assertThat(SourceHttp.conflictReason("<html>busy</html>")).isEqualTo("conflict (HTTP 409)");
    }

    /** Collects what a source reports, in order. */
    static final class Recorder implements QueueSource.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        /** What the status line said, in order. */
        final List<String> labels = new CopyOnWriteArrayList<>();

        @Override
        public void onSnapshot(QueueSource.Snapshot snapshot) {
            events.add(snapshot);
        }

        @Override
        public void onChange(QueueEntry entry, long seq) {
            events.add("change " + seq + " #" + entry.id() + " " + entry.handoff().status().id());
        }

        @Override
        public void onState(ConnectionState state) {
            labels.add(state.label(java.time.ZoneOffset.UTC));
            events.add(state.getClass().getSimpleName());
        }

        @Override
        public void onFatal(HandoffException error) {
            events.add(error);
        }

        Object next() throws InterruptedException {
            Object e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }

        /** The next events that are not connection states. */
        List<Object> nextData(int n) throws InterruptedException {
            List<Object> out = new ArrayList<>();
            while (out.size() < n) {
                Object e = next();
                if (!(e instanceof String s && !s.startsWith("change"))) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    @Test
    void theListsCheckedPositionIsWhereTheStreamResumesBeforeAnyEvent() throws Exception {
        routes.put("GET /api/handoffs", r -> json(200, page(5, null, pending(1, "Alice", 10))
                .replace("\"seq\":5", "\"seq\":5,\"position\":\"5:0a1b2c3d4e5f\"")));
        routes.put("GET /api/stream", r -> stream(event(6, pending(4, "Dave", 40))));
        Recorder rec = new Recorder();
        source().start(rec);
        rec.nextData(2);
        List<RecordedRequest> streams = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).toList();
        assertThat(streams.get(0).getHeaders().get("Last-Event-ID")).isEqualTo("5:0a1b2c3d4e5f");
    }

    @Test
    void anEventIdWithACheckIsSentBackAsIsSoARestoredInboxCanTell() throws Exception {
        listing(5);
        AtomicInteger connections = new AtomicInteger();
        routes.put("GET /api/stream", r -> connections.incrementAndGet() == 1
                ? stream(event(6, pending(4, "Dave", 40)).replace("id: 6\n", "id: 6:a1b2c3d4e5f6\n"))
                : stream(event(7, pending(2, "Bob", 20))));
        Recorder rec = new Recorder();
        source().start(rec);
        List<Object> data = rec.nextData(3);
        assertThat(data.subList(1, 3)).containsExactly("change 6 #4 pending", "change 7 #2 pending");
        List<RecordedRequest> streams = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).toList();
        assertThat(streams.get(1).getHeaders().get("Last-Event-ID")).isEqualTo("6:a1b2c3d4e5f6");
    }

    @Test
    void theStreamFollowsTheSnapshotAndResumesWithLastEventIdAfterABreak() throws Exception {
        listing(5);
        AtomicInteger connections = new AtomicInteger();
        routes.put("GET /api/stream", r -> switch (connections.incrementAndGet()) {
            // first connection: two changes and a heartbeat, then the server goes away
            case 1 -> stream(": ping\n\n" + event(6, Entries.with(pending(1, "Alice", 10), Status.IN_PROGRESS, "dana", 2))
                    + ": ping\n\n" + event(7, pending(4, "Dave", 40)));
            // after the reconnect: only what came after event 7
            default -> stream(event(8, Entries.with(pending(2, "Bob", 20), Status.RESOLVED, null, 2)));
        });
        Recorder rec = new Recorder();
        source().start(rec);

        List<Object> data = rec.nextData(4);
        assertThat(data.get(0)).isInstanceOfSatisfying(QueueSource.Snapshot.class, s -> assertThat(s.seq()).isEqualTo(5));
        assertThat(data.subList(1, 4)).containsExactly("change 6 #1 in_progress", "change 7 #4 pending", "change 8 #2 resolved");

        List<RecordedRequest> streams = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).toList();
        assertThat(streams.get(0).getHeaders().get("Last-Event-ID")).isEqualTo("5");
        assertThat(streams.get(0).getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(streams.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(streams.get(1).getHeaders().get("Last-Event-ID")).isEqualTo("7");
        assertThat(source.lastSeq()).isEqualTo(8);
    }

    @Test
    void pagesReadWhileTheInboxChangedAreBroughtToOnePositionFromTheStream() {
        // page 1 at seq 10 shows Alice pending; before page 2 (seq 12) Alice was resolved (11) and
        // Old, created before page 1's cursor, arrived (12): neither is on the pages as they are now
        routes.put("GET /api/handoffs", r -> r.getUrl().queryParameter("cursor") == null
                ? json(200, page(10, "p2", pending(1, "Alice", 10)))
                : json(200, page(12, null, pending(3, "Bob", 30))));
        routes.put("GET /api/stream", r -> stream(event(11, entry(1, "Alice", Status.RESOLVED, "alice", 10, 2))
                + event(12, pending(2, "Old", 5)) + event(13, pending(9, "Later", 90))));
        QueueSource.Snapshot snapshot = source().snapshot();

        assertThat(snapshot.items()).extracting(QueueEntry::id).containsExactlyInAnyOrder(2L, 3L);
        assertThat(snapshot.seq()).as("the position the changes were read to").isEqualTo(12);
        RecordedRequest catchUp = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).findFirst().orElseThrow();
        assertThat(catchUp.getHeaders().get("Last-Event-ID")).isEqualTo("10");
    }

    @Test
    void aStreamEventThatCannotBeReadIsSaidOnceAndTheStreamGoesOn() throws Exception {
        routes.put("GET /api/handoffs", r -> json(200, page(5, null)));
        routes.put("GET /api/stream", r -> stream("id: 6\nevent: handoff\ndata: {not json\n\n"
                + "id: 7\nevent: handoff\ndata: {also not json\n\n"
                + "id: x\u001b[2Jy\nevent: handoff\ndata: " + handoffJson(pending(4, "Dana", 40)) + "\n\n"
                + event(8, pending(2, "Bob", 20))));
        Recorder rec = new Recorder();
        List<String> notices = new CopyOnWriteArrayList<>();
        QueueSource.Listener listener = new QueueSource.Listener() {
            public void onSnapshot(QueueSource.Snapshot s) { rec.onSnapshot(s); }
            public void onChange(QueueEntry e, long seq) { rec.onChange(e, seq); }
            public void onState(ConnectionState s) { rec.onState(s); }
            public void onFatal(HandoffException e) { rec.onFatal(e); }
            public void onNotice(String text) { notices.add(text); }
        };
        source().start(listener);
        List<Object> data = rec.nextData(3);
        assertThat(data.subList(1, 3)).containsExactly("change 5 #4 pending", "change 8 #2 pending");
        assertThat(notices).containsExactly(
                "ignored a change the inbox sent (id \"6\"): its data is not JSON",
                "ignored a change the inbox sent (id \"x[2Jy\"): its id is not a position (a number, or number:check)");
    }

    @Test
    void anInboxWhoseDatabaseWentBackIsReadAgainFromTheSnapshotAndTheStatusLineSaysSo() throws Exception {
        AtomicInteger lists = new AtomicInteger();
        routes.put("GET /api/handoffs", r -> {
            // before the restore: seq 10 with Alice; after it (a backup at seq 5): Zoe holds id 1 now
            boolean restored = lists.incrementAndGet() > 1;
            String page = restored ? page(5, null, pending(1, "Zoe", 10)) : page(10, null, pending(1, "Alice", 10));
            return json(200, withDatabaseId(page, "db-1"));
        });
        AtomicInteger connections = new AtomicInteger();
        routes.put("GET /api/stream", r -> switch (connections.incrementAndGet()) {
            case 1 -> stream(event(11, pending(2, "Bob", 20)));
            case 2 -> json(409, "{\"error\":\"Last-Event-ID 11 is beyond this inbox's last change (5)\",\"last_seq\":5}");
            default -> stream(event(6, pending(2, "Newcomer", 30)));
        });
        Recorder rec = new Recorder();
        source().start(rec);

        List<Object> data = rec.nextData(4);
        assertThat(data.get(0)).isInstanceOfSatisfying(QueueSource.Snapshot.class, s -> assertThat(s.seq()).isEqualTo(10));
        assertThat(data.get(1)).isEqualTo("change 11 #2 pending");
        assertThat(data.get(2)).isInstanceOfSatisfying(QueueSource.Snapshot.class, s -> {
            assertThat(s.seq()).isEqualTo(5);
            assertThat(s.items()).singleElement().satisfies(e -> assertThat(e.handoff().name()).isEqualTo("Zoe"));
        });
        assertThat(data.get(3)).isEqualTo("change 6 #2 pending");
        assertThat(rec.labels).anySatisfy(l -> assertThat(l).contains(InboxSource.RESYNC_REASON));

        List<RecordedRequest> streams = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).toList();
        assertThat(streams.get(1).getHeaders().get("Last-Event-ID")).isEqualTo("11");
        assertThat(streams.get(2).getHeaders().get("Last-Event-ID")).as("from the new snapshot").isEqualTo("5");
        assertThat(streams.get(0).getHeaders().get("X-Inbox-Database-Id")).isEqualTo("db-1");
    }

    @Test
    void theConnectionStateGoesLiveThenReconnectingThenLiveAgain() throws Exception {
        listing(5);
        AtomicInteger connections = new AtomicInteger();
        routes.put("GET /api/stream", r -> connections.incrementAndGet() == 1
                ? stream(event(6, pending(4, "Dave", 40)))
                : new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(": ping\n\n").bodyDelay(5, TimeUnit.SECONDS).build());
        Recorder rec = new Recorder();
        source().start(rec);
        List<Object> seen = new ArrayList<>();
        while (seen.stream().filter("Live"::equals).count() < 2) {
            seen.add(rec.next());
        }
        assertThat(seen).containsSubsequence("Live", "change 6 #4 pending", "Reconnecting", "Live");
        assertThat(source.state()).isInstanceOf(ConnectionState.Live.class);
    }

    @Test
    void aStreamCutOffMidwaySaysItEndedNotHttp200() throws Exception {
        listing(5);
        AtomicInteger connections = new AtomicInteger();
        routes.put("GET /api/stream", r -> connections.incrementAndGet() == 1
                ? new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(": ping\n\n" + "x".repeat(100_000)).onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build()
                : new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(": ping\n\n").bodyDelay(5, TimeUnit.SECONDS).build());
        Recorder rec = new Recorder();
        source().start(rec);
        while (rec.labels.stream().noneMatch(l -> l.startsWith("reconnecting"))) {
            rec.next();
        }
        // the inbox was stopped or killed under an open stream: no guess about connection limits
        assertThat(rec.labels).filteredOn(l -> l.startsWith("reconnecting")).first().asString()
                .contains("(the inbox went away: connection closed)").doesNotContain("HTTP 200").doesNotContain("too many");
    }

    @Test
    void aStreamClosedBeforeAnyAnswerIsSaidInWordsNotOkhttps() throws Exception {
        // what the inbox does to an address that holds too many connections: accept, then close at once
        listing(5);
        routes.put("GET /api/stream", r -> new MockResponse.Builder()
                .onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build());
        Recorder rec = new Recorder();
        source().start(rec);
        while (rec.labels.stream().filter(l -> l.startsWith("reconnecting")).count() < StreamTrouble.GUESS_AFTER) {
            rec.next();
        }
        List<String> reconnecting = rec.labels.stream().filter(l -> l.startsWith("reconnecting")).toList();
        // once is a restart or a proxy as often as the inbox's cap: the words guess only when it goes on
        assertThat(reconnecting.get(0)).endsWith("(the inbox closed the connection without answering)")
                .doesNotContain("unexpected end of stream");
        assertThat(reconnecting.get(StreamTrouble.GUESS_AFTER - 1))
                .contains("the inbox keeps closing new connections without answering (too many connections from this address?");
        assertThat(SourceHttp.describe(new java.io.IOException("unexpected end of stream on http://127.0.0.1:9/...",
                new java.io.EOFException("\\n not found: limit=0 content=…"))))
                .isEqualTo("the server closed the connection without answering");
        assertThat(SourceHttp.describe(new java.io.IOException("Failed to connect to /127.0.0.1:18797")))
                .isEqualTo("Failed to connect to 127.0.0.1:18797");
        assertThat(SourceHttp.describe(new java.io.IOException("Failed to connect to localhost/[::1]:8787")))
                .isEqualTo("Failed to connect to localhost/[::1]:8787");
    }

    @Test
    void aSilentStreamIsDeclaredDeadAndResumedFromTheLastEvent() throws Exception {
        listing(5);
        AtomicInteger connections = new AtomicInteger();
        String first = event(6, pending(4, "Dave", 40));
        routes.put("GET /api/stream", r -> connections.incrementAndGet() == 1
                // the first event at once, then nothing for longer than the read timeout
                ? new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(first + ": ping\n\n").throttleBody(first.length(), 2, TimeUnit.SECONDS).build()
                : stream(event(7, pending(5, "Erin", 50))));
        Recorder rec = new Recorder();
        source(Duration.ofMillis(300)).start(rec);

        List<Object> data = rec.nextData(3);
        assertThat(data.subList(1, 3)).containsExactly("change 6 #4 pending", "change 7 #5 pending");
        List<RecordedRequest> streams = requests.stream().filter(r -> r.getUrl().encodedPath().equals("/api/stream")).toList();
        assertThat(streams.get(1).getHeaders().get("Last-Event-ID")).isEqualTo("6");
    }

    @Test
    void anUnreachableInboxAtStartIsRetriedUntilItAnswers() throws Exception {
        AtomicInteger listings = new AtomicInteger();
        routes.put("GET /api/handoffs", r -> listings.incrementAndGet() <= 2
                ? json(502, "{}")
                : json(200, page(9, null)));
        routes.put("GET /api/stream", r -> stream(": ping\n\n").newBuilder().bodyDelay(5, TimeUnit.SECONDS).build());
        Recorder rec = new Recorder();
        source().start(rec);
        Object first = rec.next();
        assertThat(first).isEqualTo("Reconnecting");
        List<Object> data = rec.nextData(1);
        assertThat(data.get(0)).isInstanceOfSatisfying(QueueSource.Snapshot.class, s -> assertThat(s.seq()).isEqualTo(9));
    }

    @Test
    void aTokenRefusedByTheStreamIsFatal() throws Exception {
        listing(5);
        routes.put("GET /api/stream", r -> json(401, "{\"error\":\"bad token\"}"));
        Recorder rec = new Recorder();
        source().start(rec);
        Object e;
        do {
            e = rec.next();
        } while (!(e instanceof HandoffException));
        assertThat(((HandoffException) e).kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(((HandoffException) e).getMessage()).contains("/api/stream").doesNotContain(TOKEN);
    }

    @Test
    void anInvalidUrlIsAUsageError() {
        assertThatThrownBy(() -> new InboxSource("not a url", TOKEN, "X", Clock.systemUTC()))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).isEqualTo("--inbox 'not a url' is not an http(s) URL");
                });
    }
}
