package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.pending;
import static dev.handoff.tui.InboxSourceTest.json;
import static dev.handoff.tui.InboxSourceTest.page;
import static dev.handoff.tui.InboxSourceTest.stream;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the status line says when the inbox refuses the token, before or after rows were shown:
 * plain words, the status and the variable to check; then the source gives up (exit 4, as
 * docs/tail.md says: "also while following"). Served on 127.0.0.1.
 */
class InboxRefusedTokenTest {

    MockWebServer server;
    volatile boolean refuse;
    final AtomicInteger streams = new AtomicInteger();
    InboxSource source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (refuse) {
                    return json(401, "{\"error\":\"unauthorized\"}");
                }
                if (r.getUrl().encodedPath().equals("/api/stream")) {
                    // the first stream opens and ends at once (the inbox restarted); then the token is refused
                    streams.incrementAndGet();
                    refuse = true;
                    return stream(": ping\n\n");
                }
                return json(200, page(5, null, pending(1, "Alice", 10)));
            }
        });
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        source = new InboxSource(server.url("/").toString(), "tok", "HANDOFF_INBOX_TOKEN", Clock.fixed(T0, ZoneOffset.UTC),
                Duration.ofMillis(20), Duration.ofSeconds(35));
    }

    @AfterEach
    void stop() {
        source.close();
        server.close();
    }

    private HandoffException fatal(InboxSourceTest.Recorder rec) throws InterruptedException {
        Object e;
        do {
            e = rec.next();
        } while (!(e instanceof HandoffException));
        return (HandoffException) e;
    }

    @Test
    void aTokenRefusedWhileFollowingSaysSinceWhenTheRowsAreOldAndEnds() throws Exception {
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source.start(rec);
        HandoffException e = fatal(rec);
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(streams.get()).isEqualTo(1);
        assertThat(rec.labels).last().isEqualTo(
                "not updated since 12:00:00: the inbox refused the token (401); check HANDOFF_INBOX_TOKEN");
        assertThat(rec.labels).noneMatch(l -> l.contains("stale") || l.contains("credentials"));
        assertThat(source.state()).isInstanceOf(ConnectionState.Refused.class);
    }

    @Test
    void aTokenRefusedAtStartHasNoRowsToDate() throws Exception {
        refuse = true;
        InboxSourceTest.Recorder rec = new InboxSourceTest.Recorder();
        source.start(rec);
        assertThat(fatal(rec).kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(rec.labels).last().isEqualTo("the inbox refused the token (401); check HANDOFF_INBOX_TOKEN");
    }
}
