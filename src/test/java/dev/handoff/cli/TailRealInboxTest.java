package dev.handoff.cli;

import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.server.InboxServer;
import dev.handoff.queue.server.InboxSettings;
import dev.handoff.queue.server.RequestLog;
import dev.handoff.queue.server.Secret;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.tui.InboxSource;
import dev.handoff.tui.QueueScreen;
import dev.handoff.tui.QueueView;
import dev.handoff.tui.TailSettings;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code handoff tail} against a real inbox on 127.0.0.1: one view of the queue, and no password of the URL shown. */
class TailRealInboxTest {

    static final String TOKEN = "optok-R7kq2LmZ9x";
    static final String WEBHOOK = "whsec-P3nd1ngW0rk";
    static final String PASSWORD = "pw-SECRET1-9fQz";
    static final String QUERY_TOKEN = "tok-SECRET2-Hh4v";
    static final MediaType JSON = MediaType.get("application/json");

    @TempDir
    Path dir;

    InboxStore store;
    InboxServer server;
    final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        store = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC());
        server = InboxServer.start(InboxSettings.defaults(new InetSocketAddress("127.0.0.1", 0), "x-api-key",
                        new Secret(WEBHOOK), null, Duration.ofSeconds(300), new Secret(TOKEN),
                        new HandoffJson(new PhoneNumbers(null), WhatsAppLink.DEFAULT_GREETING)),
                store, new RequestLog(new PrintWriter(new StringWriter()), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    String post(String path, String header, String value, String body) {
        Request r = new Request.Builder().url(base() + path).header(header, value).post(RequestBody.create(body, JSON)).build();
        try (Response response = http.newCall(r).execute()) {
            String text = response.body().string();
            assertThat(response.isSuccessful()).as(path + " " + text).isTrue();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void webhook(String name, String phone) {
        post("/webhooks/handoff", "x-api-key", WEBHOOK, "{\"agent\":{\"id\":\"agt_6\"},\"name\":\"" + name
                + "\",\"phone_number\":\"" + phone + "\",\"created_at\":\"2026-12-07T14:50:00Z\"}");
    }

    void act(long id, String verb) {
        post("/api/handoffs/" + id + "/" + verb, "Authorization", "Bearer " + TOKEN, "{\"operator\":\"alice\"}");
    }

    CliHarness cli() {
        return new CliHarness(dir.resolve("home")).env("HANDOFF_INBOX_TOKEN", TOKEN).env("USER", "alice");
    }

    /** A pass-through proxy that releases #1 right after it forwarded the first list request. */
    MockWebServer racingProxy(AtomicInteger lists) throws IOException {
        MockWebServer proxy = new MockWebServer();
        proxy.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                Request.Builder forward = new Request.Builder().url(base() + r.getUrl().encodedPath()
                        + (r.getUrl().encodedQuery() == null ? "" : "?" + r.getUrl().encodedQuery()));
                String auth = r.getHeaders().get("Authorization");
                if (auth != null) {
                    forward.header("Authorization", auth);
                }
                try (Response answer = http.newCall(forward.build()).execute()) {
                    MockResponse out = new MockResponse.Builder().code(answer.code())
                            .setHeader("Content-Type", "application/json").body(answer.body().string()).build();
                    if (r.getUrl().encodedPath().equals("/api/handoffs") && lists.incrementAndGet() == 1) {
                        act(1, "release");
                    }
                    return out;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        proxy.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return proxy;
    }

    @Test
    void customersWordsArePrintedAsTheyCameEvenWhereTheyHoldAPieceOfTheToken() throws Exception {
        // "R7kq2LmZ" is 8 characters of the operator token: masked as a secret cut short, it broke names and phone numbers
        webhook("Maria R7kq2LmZ", "+15551234567");
        webhook("Pasted " + TOKEN, "+15551234568");
        var json = cli().run("tail", "--inbox", base(), "--once");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out()).contains("Maria R7kq2LmZ").doesNotContain(TOKEN);
        // the table cuts long cells: a token cut short there ("optok-R7kq2LmZx…") is still a piece of a secret
        webhook(TOKEN.repeat(3), "+15551234569");
        var table = cli().env("COLUMNS", "100").run("tail", "--inbox", base(), "--once", "-o", "text");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).doesNotContain(TOKEN.substring(0, 10));
        // the whole token is still a secret, wherever it stands
        assertThat(cli().run("tail", "--inbox", base(), "--once").out()).contains("\"Pasted " + dev.handoff.secret.Redactor.MASK + "\"");
    }

    @Test
    void onceListsAHandoffReleasedWhileTheQueueIsReadExactlyOnce() throws Exception {
        webhook("Jane Doe", "+15551234567");
        webhook("Li Wei", "+8613800138000");
        act(1, "claim");
        AtomicInteger lists = new AtomicInteger();
        try (MockWebServer proxy = racingProxy(lists)) {
            var r = cli().run("tail", "--inbox", proxy.url("/").toString(), "--once", "--json");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            // two requests (pending, then in_progress) lost #1: in_progress at the first, pending at the second
            assertThat(r.out().lines().filter(l -> l.contains("\"id\":1,")).count()).as(r.out()).isEqualTo(1);
            assertThat(r.out().lines().filter(l -> l.contains("\"id\":2,")).count()).as(r.out()).isEqualTo(1);
            assertThat(lists.get()).isEqualTo(1);
        }
    }

    @Test
    void aPasswordOrTokenInTheInboxUrlIsShownNowhere() throws Exception {
        webhook("Jane Doe", "+15551234567");
        String port = String.valueOf(server.address().getPort());
        String withPassword = "http://user:" + PASSWORD + "@127.0.0.1:" + port;

        var notFound = cli().run("tail", "--inbox", withPassword + "/x?token=" + QUERY_TOKEN, "--once");
        assertThat(notFound.exitCode()).as(notFound.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(notFound.err()).contains("http://user:***@127.0.0.1:" + port + "/x/api/handoffs?token=***&status=");

        var verbose = cli().run("-v", "tail", "--inbox", withPassword + "/?token=" + QUERY_TOKEN, "--once");
        assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
        assertThat(verbose.err()).contains("> GET http://user:***@127.0.0.1:" + port + "/api/handoffs?token=***&status=");

        Thread later = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            webhook("Sam Lee", "+447700900123");
        });
        later.start();
        var follow = cli().run("-v", "tail", "--inbox", withPassword, "--count", "1");
        later.join();
        assertThat(follow.exitCode()).as(follow.toString()).isZero();
        assertThat(follow.err()).contains("inbox http://user:***@127.0.0.1:" + port + "/: live");

        for (var r : java.util.List.of(notFound, verbose, follow)) {
            assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContain(QUERY_TOKEN);
        }

        // the full-screen header
        try (InboxSource source = new InboxSource(withPassword + "/?access_token=" + QUERY_TOKEN, TOKEN,
                "HANDOFF_INBOX_TOKEN", Clock.systemUTC())) {
            QueueView view = new QueueView(Clock.systemUTC(), Duration.ZERO);
            String screen = String.join("\n", new QueueScreen(TailSettings.defaults("alice"), source.describe())
                    .render(view, 10, 200).stream().map(Object::toString).toList());
            assertThat(screen).contains("user:***@127.0.0.1").doesNotContain(PASSWORD).doesNotContain(QUERY_TOKEN);
        }
    }
}
