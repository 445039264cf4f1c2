package dev.handoff.queue.notify;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A chat server that closes its connection soon after each answer (an HTTP/1.0 server, a short
 * keep-alive): a connection kept for the next alert would be dead by then, and a send on it fails
 * before anything reached the server. Every alert must go out on its first attempt.
 */
class StaleConnectionTest {

    private static final Notice NOTICE = new Notice(7, "visitor", "asked for a human", "summary", null, null,
            null, Instant.parse("2026-12-05T10:00:00Z"), List.of());

    @Test
    void everyAlertReachesAServerThatClosesItsConnectionAfterEachAnswer() throws Exception {
        AtomicInteger received = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, received), "closing-chat-server");
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/services/T0/B0/tok";
            try (WebhookSender sender = new WebhookSender(new NotifyConfig.Webhook("team-chat",
                    new NotifyConfig.EnvSecret("SLACK_WEBHOOK_URL", url), false), Duration.ofSeconds(5))) {
                for (int i = 1; i <= 3; i++) {
                    sender.send(NOTICE);
                    assertEquals(i, received.get());
                    Thread.sleep(300); // the server has closed the connection by now
                }
            }
        }
    }

    /** Answers one request per connection with keep-alive headers, then closes it 100 ms later. */
    private static void serve(ServerSocket server, AtomicInteger received) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                String head = readHead(in);
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                received.incrementAndGet();
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(100);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        throw new IOException("closed before the request's head");
    }
}
