package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.notify.NotifyConfig;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.TestDatabases;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A real inbox on 127.0.0.1 (free port) with its own database, and an OkHttp client for it. */
final class InboxFixture implements AutoCloseable {

    static final String WEBHOOK_SECRET = "whsec-Zq8v3RkT1pLm";
    static final String HMAC_SECRET = "hmac-key-7HsN2wQe9Xy";
    static final String API_TOKEN = "optok-K4dJ6fVb0Ui";
    static final MediaType JSON = MediaType.get("application/json");

    /** The SQLite file, or null on PostgreSQL. */
    final Path db;
    final StringWriter log = new StringWriter();
    final InboxServer server;
    final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();
    /** Every answer this fixture saw, to check that no secret ever comes back. */
    final StringBuilder seen = new StringBuilder();

    InboxFixture(Path dir, UnaryOperator<InboxSettings> tweak) throws IOException {
        this(dir.resolve("inbox.db"), InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC()), tweak);
    }

    /** An inbox on {@code database}; several fixtures may share one PostgreSQL database. */
    InboxFixture(TestDatabases.Database database) throws IOException {
        this(database.file(), database.open(), s -> s);
    }

    private InboxFixture(Path db, InboxStore store, UnaryOperator<InboxSettings> tweak) throws IOException {
        this(db, store, tweak, null);
    }

    /** An inbox on {@code store} that notifies the team on the channels of {@code notify}. */
    InboxFixture(Path db, InboxStore store, NotifyConfig notify) throws IOException {
        this(db, store, s -> s, notify);
    }

    private InboxFixture(Path db, InboxStore store, UnaryOperator<InboxSettings> tweak, NotifyConfig notify)
            throws IOException {
        this.db = db;
        InboxSettings settings = tweak.apply(InboxSettings.defaults(new InetSocketAddress("127.0.0.1", 0), "x-api-key",
                new Secret(WEBHOOK_SECRET), null, Duration.ofSeconds(300), new Secret(API_TOKEN),
                new HandoffJson(new PhoneNumbers(null), WhatsAppLink.DEFAULT_GREETING)));
        this.server = InboxServer.start(settings, store,
                new RequestLog(new PrintWriter(log, true), Clock.systemUTC()), notify);
    }

    InboxFixture(Path dir) throws IOException {
        this(dir, s -> s);
    }

    static InboxSettings withHmac(InboxSettings s) {
        return new InboxSettings(s.listen(), s.webhookHeader(), s.webhookSecret(), new Secret(HMAC_SECRET), s.maxSkew(),
                s.apiToken(), s.json(), s.maxBodyBytes(), s.workerThreads(), s.maxStreams(), s.heartbeat(),
                s.shutdownGrace(), s.clock(), s.limits());
    }

    String url(String path) {
        return server.url() + path;
    }

    static String event(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/queue", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String event(String summary, String createdAt) {
        return "{\"agent\":{\"id\":\"agt_123\",\"external_id\":\"crm-42\"},\"name\":\"Jane Doe\","
                + "\"phone_number\":\"+15551234567\",\"summary\":\"" + summary + "\","
                + "\"reason\":\"criteria_matched: user_requested_human\",\"created_at\":\"" + createdAt + "\"}";
    }

    Answer post(String path, String body, Map<String, String> headers) {
        Request.Builder b = new Request.Builder().url(url(path)).post(RequestBody.create(body, JSON));
        headers.forEach(b::header);
        return call(b.build());
    }

    /** A webhook delivery with the right secret plus {@code extra} headers. */
    Answer deliver(String body, String... extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", WEBHOOK_SECRET);
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], extra[i + 1]);
        }
        return post("/webhooks/handoff", body, headers);
    }

    Answer get(String path) {
        return call(new Request.Builder().url(url(path)).header("Authorization", "Bearer " + API_TOKEN).build());
    }

    Answer act(long id, String action, String operator) {
        return post("/api/handoffs/" + id + "/" + action, "{\"operator\":\"" + operator + "\"}",
                Map.of("Authorization", "Bearer " + API_TOKEN));
    }

    Answer call(Request request) {
        try (Response r = http.newCall(request).execute()) {
            String body = r.body().string();
            seen.append(r.headers()).append(body).append('\n');
            return new Answer(r.code(), body, r.headers().toMultimap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return QueueJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    @Override
    public void close() {
        server.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
