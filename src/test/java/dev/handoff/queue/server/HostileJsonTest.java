package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies built to exhaust a parser get 400 with a reason (a platform retries 5xx forever), and nothing is stored. */
class HostileJsonTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    private void assertRefusedAndNothingStored(String body, String reasonPart) {
        var answer = inbox.deliver(body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).contains(reasonPart);
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
    }

    @Test
    void objectsNested100kDeepAre400() throws IOException {
        inbox = new InboxFixture(dir);
        assertRefusedAndNothingStored("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000), "nested deeper than");
    }

    @Test
    void aDeepArrayInAnUnknownFieldIs400() throws IOException {
        inbox = new InboxFixture(dir);
        String event = InboxFixture.event("s", "2025-09-19T12:34:56Z");
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertRefusedAndNothingStored(event.substring(0, event.length() - 1) + ",\"extra\":" + deep + "}",
                "nested deeper than");
    }

    @Test
    void aNumberOf5000DigitsIs400() throws IOException {
        inbox = new InboxFixture(dir);
        String event = InboxFixture.event("s", "2025-09-19T12:34:56Z");
        assertRefusedAndNothingStored(event.substring(0, event.length() - 1) + ",\"n\":" + "9".repeat(5_000) + "}",
                "number longer than");
    }
}
