package dev.handoff.queue.server;

import dev.handoff.queue.store.InboxStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aRequestInFlightWhenShutdownStartsIsFinishedAndStoredWhileNewOnesGet503() throws Exception {
        InboxFixture inbox = new InboxFixture(dir);
        byte[] body = InboxFixture.event("plugit-handoff-event.json").getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket socket = new Socket("127.0.0.1", inbox.server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + InboxFixture.WEBHOOK_SECRET
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            waitUntil(() -> inbox.server.inFlight() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(inbox::close);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"stopping\""));
            var refused = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/healthz")).build());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(closing).isNotDone();

            out.write(body, half, body.length - half);
            out.flush();
            assertThat(readStatusLine(socket.getInputStream())).startsWith("HTTP/1.1 201");
            closing.get(10, TimeUnit.SECONDS);
        }
        assertThat(inbox.log.toString()).contains("\"event\":\"stopped\"");
        try (InboxStore store = InboxStore.open(inbox.db, Clock.systemUTC())) {
            assertThat(store.list(Set.of(), 10, null).items()).singleElement()
                    .satisfies(h -> assertThat(h.name()).isEqualTo("Jane Doe"));
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static String readStatusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void aStreamWhoseClientLeftUnnoticedDoesNotHoldUpTheStop() throws Exception {
        InboxFixture inbox = new InboxFixture(dir);
        try (Socket socket = new Socket(inbox.server.address().getAddress(), inbox.server.address().getPort())) {
            socket.getOutputStream().write(("GET /api/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + InboxFixture.API_TOKEN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readStatusLine(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
        // the client is gone; the server has not written since, so it does not know yet
        waitUntil(() -> inbox.server.openStreams() == 1);
        long start = System.nanoTime();
        inbox.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).as("stop took %d ms; the grace period for requests is 10 s", millis).isLessThan(3_000);
        assertThat(inbox.log.toString()).contains("\"event\":\"stopped\"");
    }
}
