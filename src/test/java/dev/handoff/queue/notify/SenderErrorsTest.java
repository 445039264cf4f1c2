package dev.handoff.queue.notify;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A delivery failure reads as plain words for the inbox log and last_error: no Java class names, no secrets. */
class SenderErrorsTest {

    private static final Notice NOTICE = new Notice(7, "visitor", "asked for a human", "summary", null, null,
            null, Instant.parse("2026-12-05T10:00:00Z"), List.of());

    /** A port nothing listens on: bound once by the OS, then released. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aWebhookToAClosedPortSaysItCouldNotConnectWithoutTheSecretPathOrAClassName() throws Exception {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port + "/services/T000/SECRETPATH";
        try (WebhookSender sender = new WebhookSender(new NotifyConfig.Webhook("team-chat",
                new NotifyConfig.EnvSecret("SLACK_WEBHOOK_URL", url), false), Duration.ofSeconds(5))) {
            Sender.DeliveryException e = assertThrows(Sender.DeliveryException.class, () -> sender.send(NOTICE));
            assertEquals("could not connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
        }
    }

    /** An error page announced at 100 MB that stops coming after 32 KiB: its start is all that is read. */
    @Test
    void anErrorAnswerIsReadOnlyAsFarAsTheLogNeedsNotWhole() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    var out = s.getOutputStream();
                    out.write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 100000000\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.write("overloaded ".repeat(3000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(10_000);
                } catch (Exception e) {
                    // the client hung up: what the test wants
                }
            });
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/hooks/SECRETPATH";
            try (WebhookSender sender = new WebhookSender(new NotifyConfig.Webhook("team-chat",
                    new NotifyConfig.EnvSecret("SLACK_WEBHOOK_URL", url), false), Duration.ofSeconds(3))) {
                Sender.DeliveryException e = assertThrows(Sender.DeliveryException.class, () -> sender.send(NOTICE));
                // read whole, the body never ends: the sender timed out instead
                assertEquals(true, e.getMessage().startsWith("HTTP 500: overloaded overloaded"), e.getMessage());
            }
        }
    }

    @Test
    void mailToAClosedPortSaysItCouldNotConnectWithoutAClassName() throws Exception {
        int port = closedPort();
        NotifyConfig.Email email = new NotifyConfig.Email("desk", "127.0.0.1", port, NotifyConfig.TlsMode.NONE,
                null, null, "bot@example.com", List.of("desk@example.com"));
        try (SmtpSender sender = new SmtpSender(email, Duration.ofSeconds(5))) {
            Sender.DeliveryException e = assertThrows(Sender.DeliveryException.class, () -> sender.send(NOTICE));
            assertEquals("could not connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }
}
