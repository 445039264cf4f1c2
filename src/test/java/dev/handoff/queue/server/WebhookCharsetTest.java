package dev.handoff.queue.server;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A webhook body in the charset its Content-Type declares: read as such, never a 400 that drops the handoff. */
class WebhookCharsetTest {

    private static final String EVENT = "{\"agent\":{\"id\":\"a\"},\"name\":\"J\u00e9r\u00f4me \u00c5berg\","
            + "\"phone_number\":\"+15551234567\",\"created_at\":\"2025-09-19T12:34:56Z\"}";

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    private InboxFixture.Answer post(byte[] body, String contentType) {
        return inbox.call(new Request.Builder().url(inbox.url("/webhooks/handoff"))
                .header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .post(RequestBody.create(body, MediaType.get(contentType)))
                .build());
    }

    @Test
    void aBodyInTheCharsetItDeclaresIsReadInThatCharsetAndKeptInUtf8() throws Exception {
        inbox = new InboxFixture(dir);
        var latin1 = post(EVENT.getBytes(StandardCharsets.ISO_8859_1), "application/json; charset=iso-8859-1");
        assertThat(latin1.status()).as(latin1.toString()).isEqualTo(201);
        long id = latin1.json().get("id").asLong();
        assertThat(inbox.get("/api/handoffs/" + id).json().get("name").asText()).isEqualTo("J\u00e9r\u00f4me \u00c5berg");
        byte[] raw = inbox.server.storeForTests().rawEvent(id).orElseThrow();
        assertThat(new String(raw, StandardCharsets.UTF_8)).as("the raw event, in UTF-8").isEqualTo(EVENT);

        String other = EVENT.replace("J\u00e9r\u00f4me", "Ren\u00e9e");
        var quoted = post(other.getBytes(Charset.forName("windows-1252")), "application/json; Charset=\"windows-1252\"");
        assertThat(quoted.status()).as(quoted.toString()).isEqualTo(201);
        assertThat(inbox.get("/api/handoffs/" + quoted.json().get("id").asLong()).json().get("name").asText())
                .startsWith("Ren\u00e9e");

        var utf8 = post(EVENT.replace("J\u00e9r\u00f4me", "Zo\u00eb").getBytes(StandardCharsets.UTF_8), "application/json; charset=UTF-8");
        assertThat(utf8.status()).isEqualTo(201);

        // no charset said, and the bytes are no UTF-8: an 8-bit code page, read as Windows-1252, never a 400
        String undeclared = EVENT.replace("J\u00e9r\u00f4me", "Andr\u00e9").replace("+15551234567", "+15557654321");
        var cp1252 = post(undeclared.getBytes(Charset.forName("windows-1252")), "application/json");
        assertThat(cp1252.status()).as(cp1252.toString()).isEqualTo(201);
        assertThat(inbox.get("/api/handoffs/" + cp1252.json().get("id").asLong()).json().get("name").asText()).startsWith("Andr\u00e9");
    }

    @Test
    void aCharsetJavaDoesNotKnowIs415NamingIt() throws Exception {
        inbox = new InboxFixture(dir);
        var answer = post(EVENT.getBytes(StandardCharsets.UTF_8), "application/json; charset=x-klingon-9");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").asText())
                .isEqualTo("charset x-klingon-9 is not one the inbox knows; send the body in UTF-8");
        assertThat(inbox.get("/api/handoffs").json().get("items")).as("nothing stored").isEmpty();
    }
}
