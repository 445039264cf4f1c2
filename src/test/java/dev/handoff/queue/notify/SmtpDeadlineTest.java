package dev.handoff.queue.notify;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One send ends within twice the step timeout, however the server paces its lines: a server that
 * answered a line every few seconds kept a send alive past the row's lease, and a second inbox on
 * the same database sent the mail again.
 */
class SmtpDeadlineTest {

    @Test
    void aServerThatDripsItsGreetingIsGivenUpAtTwiceTheStepTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread drip = new Thread(() -> {
                try (Socket c = server.accept(); OutputStream out = c.getOutputStream()) {
                    // every line comes within the step timeout; the greeting never ends
                    for (int i = 0; i < 200; i++) {
                        out.write("220-still greeting\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(150);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client closed its socket: what the deadline does
                }
            }, "drip-smtp");
            drip.setDaemon(true);
            drip.start();
            NotifyConfig.Email email = new NotifyConfig.Email("team-email", "127.0.0.1", server.getLocalPort(),
                    NotifyConfig.TlsMode.NONE, null, null, "Handoff inbox <alerts@example.com>", List.of("support@example.com"));
            SmtpSender sender = new SmtpSender(email, Duration.ofMillis(400));
            Notice notice = new Notice(7, "Jane", "asks for a human", "summary", "agt", null, null, Instant.EPOCH, List.of());

            long started = System.nanoTime();
            var e = catchThrowableOfType(Sender.DeliveryException.class, () -> sender.send(notice));
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(e.getMessage()).isEqualTo("mail to 127.0.0.1:" + server.getLocalPort()
                    + " took longer than 0 s (twice retry.timeout) and was given up");
            assertThat(tookMs).as("ended near its 800 ms deadline, not after the 30 s the server would drip").isLessThan(10_000);
        }
    }
}
