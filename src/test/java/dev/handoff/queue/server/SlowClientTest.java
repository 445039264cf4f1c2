package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: connections that send their headers or body slowly must not stall the webhook or
 * {@code /healthz}, must be cut after the header and body deadlines, and one address may hold
 * only so many connections.
 */
class SlowClientTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", inbox.server.address().getPort());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String headersOf(int length) {
        return "POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + InboxFixture.WEBHOOK_SECRET
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    @Test
    void fortySlowHeaderAndBodySendersDoNotStallTheWebhookOrHealthz() throws Exception {
        inbox = new InboxFixture(dir, s -> s.withLimits(new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 100)));
        String body = InboxFixture.event("plugit-handoff-event.json");
        assertThat(inbox.deliver(InboxFixture.event("warm-up", "2025-09-19T12:34:56Z")).status()).isEqualTo(201);
        for (int i = 0; i < 20; i++) {
            send(open(), "POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api");   // headers, unfinished
            send(open(), headersOf(body.length()) + body.substring(0, 10));                 // body, unfinished
        }
        // every slow connection counted by the server, and every slow body inside a request (where the
        // old server held a thread); a fixed sleep was no guarantee of that on a loaded machine
        waitUntil(() -> inbox.server.openConnections() >= 40 && inbox.server.inFlight() >= 20,
                "40 slow connections open, 20 of them receiving a body");

        long start = System.nanoTime();
        assertThat(inbox.get("/healthz").status()).isEqualTo(200);
        assertThat(inbox.deliver(body).status()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void headersNotCompleteInTimeAndBodiesNotCompleteInTimeEndTheConnection() throws Exception {
        inbox = new InboxFixture(dir, s -> s.withLimits(new ClientLimits(Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofSeconds(30), 100)));
        Socket slowHeaders = open();
        send(slowHeaders, "POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        Socket slowBody = open();
        send(slowBody, headersOf(500) + "{\"agent\":");

        long start = System.nanoTime();
        assertThat(readAll(slowHeaders.getInputStream())).isEmpty();      // closed without an answer
        assertThat(readAll(slowBody.getInputStream())).startsWith("HTTP/1.1 408").contains("request body not received");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
    }

    @Test
    void connectionsPastThePerAddressCapAreClosedAtOnceAndFreedWhenOthersClose() throws Exception {
        inbox = new InboxFixture(dir, s -> s.withLimits(new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 4)));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Socket s = open();
            send(s, "GET /healthz HTTP/1.1\r\n");
            held.add(s);
        }
        // The cap counts what the server has seen open, and a client's connect returns before that:
        // the extra connection must come after all four are counted, or it may take the place of one.
        waitUntil(() -> inbox.server.openConnections() == 4, "the 4 held connections counted");
        Socket extra = open();
        // Connection: close, so that a wrongly served request ends the read instead of timing out
        send(extra, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(readAll(extra.getInputStream())).isEmpty();
        assertThat(inbox.server.refusedConnections()).isEqualTo(1);

        for (Socket s : held) {
            s.close();
        }
        // the closes reach the server's count a little after the client's close returns
        waitUntil(() -> inbox.server.openConnections() == 0, "every held connection released");
        assertThat(inbox.get("/healthz").status()).isEqualTo(200);
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
