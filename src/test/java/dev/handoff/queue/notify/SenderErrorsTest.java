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
