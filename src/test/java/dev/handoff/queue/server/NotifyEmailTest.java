package dev.handoff.queue.server;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.handoff.queue.notify.NotifyConfig;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.Outbox;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.handoff.queue.server.NotifyWebhookTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code inbox serve} alerting the team by e-mail: a real SMTP server (GreenMail) on 127.0.0.1, and two that misbehave. */
class NotifyEmailTest {

    static final String SMTP_PASSWORD = "smtp-pw-Vq82LmZr";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", SMTP_PASSWORD));

    @TempDir
    Path dir;
    MockWebServer chat;

    @BeforeEach
    void start() throws IOException {
        chat = new MockWebServer();
        chat.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    static NotifyConfig.Email email(int port, String password) {
        return new NotifyConfig.Email("team-email", "127.0.0.1", port, NotifyConfig.TlsMode.NONE, "alerts",
                new NotifyConfig.EnvSecret("SMTP_PASSWORD", password), "Handoff inbox <alerts@example.com>",
                List.of("support@example.com", "oncall@example.com"));
    }

    static NotifyConfig config(int maxAttempts, NotifyConfig.Channel... channels) {
        return new NotifyConfig(List.of(channels), "https://inbox.example.com/handoffs/{id}", 5,
                new NotifyConfig.Retry(maxAttempts, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10),
                        Duration.ofSeconds(2)));
    }

    InboxFixture inbox(NotifyConfig config) throws IOException {
        Path db = dir.resolve("inbox.db");
        return new InboxFixture(db, InboxStore.open(db, Clock.systemUTC()), config);
    }

    @Test
    void aNewHandoffSendsOneEmailAndOneChatPostAndARedeliverySendsNeither() throws Exception {
        NotifyConfig.Webhook webhook = new NotifyConfig.Webhook("team-chat",
                new NotifyConfig.EnvSecret("SLACK_WEBHOOK_URL", chat.url("/hook/secret-token-1").toString()), false);
        chat.enqueue(new MockResponse.Builder().code(200).build());
        chat.enqueue(new MockResponse.Builder().code(200).build());
        try (InboxFixture inbox = inbox(config(3, email(mail.getSmtp().getPort(), SMTP_PASSWORD), webhook))) {
            String event = InboxFixture.event("event-with-seven-last-messages.json");
            assertThat(inbox.deliver(event, "Idempotency-Key", "d-1").status()).isEqualTo(201);
            waitUntil(() -> mail.getReceivedMessages().length == 2); // one message, one copy per recipient
            assertThat(chat.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(inbox.deliver(event, "Idempotency-Key", "d-1").status()).isEqualTo(200);
            // a later handoff's mail arriving means the redelivery's would have arrived before it
            assertThat(inbox.deliver(InboxFixture.event("later", "2025-09-19T12:50:00Z")).status()).isEqualTo(201);
            waitUntil(() -> mail.getReceivedMessages().length >= 4);
            assertThat(chat.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
            waitUntil(() -> sentCount(inbox) == 4);

            MimeMessage[] received = mail.getReceivedMessages();
            assertThat(received).hasSize(4);
            assertThat(chat.getRequestCount()).isEqualTo(2);
            MimeMessage first = received[0];
            assertThat(first.getSubject()).isEqualTo("🙋 Human Handoff Requested: Jane Doe (+15551234567)");
            assertThat(first.getFrom()[0].toString()).isEqualTo("Handoff inbox <alerts@example.com>");
            List<String> to = new ArrayList<>();
            for (var a : first.getRecipients(Message.RecipientType.TO)) {
                to.add(a.toString());
            }
            assertThat(to).containsExactly("support@example.com", "oncall@example.com");
            assertThat(first.getHeader("X-Handoff-Id")).containsExactly("1");
            String body = ((String) first.getContent()).replace("\r\n", "\n");
            assertThat(body).startsWith("A visitor has requested to speak with a human.\n\nVisitor: Jane Doe (+15551234567)\n"
                    + "Reason: criteria_matched: user_requested_human\n")
                    .contains("Conversation: https://inbox.example.com/handoffs/1\n",
                            "WhatsApp: https://api.whatsapp.com/send?phone=15551234567",
                            "Last 5 messages:\n- User: I have a complex question about enterprise pricing\n",
                            "- AI: I can help with basic integrations...\n- User: No, I need to talk to someone.")
                    .doesNotContain("too old to quote", "TAIL-NEVER-SHOWN");
            List<String> ids = new ArrayList<>();
            for (MimeMessage m : received) {
                ids.add(m.getHeader("X-Handoff-Id")[0]);
            }
            assertThat(ids).as("one message per handoff, one copy per recipient").containsExactlyInAnyOrder("1", "1", "2", "2");
        }
    }

    @Test
    void theSmtpPasswordNeverAppearsEvenWhenTheServerEchoesItInItsAuthFailure() throws Exception {
        try (FakeSmtp echo = new FakeSmtp(FakeSmtp.Mode.ECHO_PASSWORD_ON_AUTH);
             InboxFixture inbox = inbox(config(2, email(echo.port(), SMTP_PASSWORD)))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_failed\""));
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.state()).isEqualTo(Outbox.State.FAILED);
            assertThat(row.attempts()).isEqualTo(2);
            assertThat(row.lastError()).contains("535 5.7.8 authentication failed for alerts with password <redacted>");
            String log = inbox.log.toString();
            assertThat(log).contains("\"event\":\"notify_retry\"", "with password <redacted>");
            for (String seen : List.of(log, row.lastError(), inbox.seen.toString())) {
                assertThat(seen).doesNotContain(SMTP_PASSWORD);
            }
        }
    }

    @Test
    void aPasswordEchoedWhereTheErrorIsCutIsMaskedBeforeTheCut() throws Exception {
        // "535 " and 383 characters of filler: the password starts at character 388, and the error is cut at 400
        try (FakeSmtp echo = new FakeSmtp(FakeSmtp.Mode.ECHO_PASSWORD_AFTER_PADDING, 383);
             InboxFixture inbox = inbox(config(1, email(echo.port(), SMTP_PASSWORD)))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_failed\""));
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.lastError()).startsWith("535 xxx").contains(" <redac");
            String start = SMTP_PASSWORD.substring(0, 6);
            for (String seen : List.of(inbox.log.toString(), row.lastError())) {
                assertThat(seen).doesNotContain(start);
            }
        }
    }

    @Test
    void aWrongPasswordAtARealServerFailsTheRowAfterItsAttempts() throws Exception {
        try (InboxFixture inbox = inbox(config(2, email(mail.getSmtp().getPort(), "wrong-" + SMTP_PASSWORD)))) {
            assertThat(inbox.deliver(InboxFixture.event("plugit-handoff-event.json")).status()).isEqualTo(201);
            waitUntil(() -> inbox.log.toString().contains("\"event\":\"notify_failed\""));
            Outbox.Entry row = inbox.server.storeForTests().outbox().entries(1).get(0);
            assertThat(row.state()).isEqualTo(Outbox.State.FAILED);
            assertThat(row.lastError()).contains("535").contains("Authentication credentials invalid").doesNotContain("Exception");
            assertThat(mail.getReceivedMessages()).isEmpty();
            assertThat(inbox.log.toString()).doesNotContain(SMTP_PASSWORD);
        }
    }

    @Test
    void aHungSmtpServerDoesNotHoldUpTheWebhooksAnswer() throws Exception {
        try (FakeSmtp hung = new FakeSmtp(FakeSmtp.Mode.HANG)) {
            // a send may take 30 s here: longer than the test client waits for an answer (10 s)
            NotifyConfig patient = new NotifyConfig(List.of(email(hung.port(), SMTP_PASSWORD)), null, 5,
                    new NotifyConfig.Retry(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMinutes(2),
                            Duration.ofSeconds(30)));
            InboxFixture inbox = inbox(patient);
            try {
                assertThat(inbox.deliver(InboxFixture.event("first", "2025-09-19T12:40:00Z")).status()).isEqualTo(201);
                assertThat(hung.connected.await(20, TimeUnit.SECONDS)).as("the sender connected").isTrue();
                // the sender is now stuck waiting for a greeting that never comes
                assertThat(inbox.deliver(InboxFixture.event("second", "2025-09-19T12:41:00Z")).status()).isEqualTo(201);
                assertThat(inbox.get("/api/handoffs").status()).isEqualTo(200);
                assertThat(hung.holdingAClient()).as("the send is still stuck").isTrue();
                assertThat(inbox.server.storeForTests().outbox().entries(1).get(0).state()).isEqualTo(Outbox.State.SENDING);
            } finally {
                hung.close();
                inbox.close();
            }
        }
    }

    private static long sentCount(InboxFixture inbox) {
        return inbox.server.storeForTests().outbox().counts().values().stream()
                .mapToLong(m -> m.getOrDefault(Outbox.State.SENT, 0L)).sum();
    }
}
