package dev.handoff.queue.server;

import dev.handoff.queue.store.StoreException;
import dev.handoff.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    @Test
    void aReasonIsMaskedBeforeItIsCutSoNoPartOfASecretSurvivesTheCut() {
        String secret = "pgpw-Hx71QmZe40";
        Redactor redactor = Redactor.of(secret);
        RequestLog log = new RequestLog(new PrintWriter(new StringWriter()), Clock.systemUTC(), redactor::redact);
        // the secret starts at character 290 of the message, where a cut at 300 goes through it
        String reason = log.reason(new StoreException("x".repeat(289) + " " + secret + " and more", null));
        assertThat(reason).hasSizeLessThanOrEqualTo(300).startsWith("xxx").doesNotContain(secret.substring(0, 5));
        assertThat(redactor.redact(reason)).doesNotContain(secret.substring(0, 5));
    }
}
