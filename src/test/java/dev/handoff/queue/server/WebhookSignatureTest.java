package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    private static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    private static String sign(String timestamp, String body) {
        return WebhookAuth.sign(InboxFixture.HMAC_SECRET.getBytes(StandardCharsets.UTF_8), timestamp,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signatureIsHexHmacSha256OverTimestampDotBody() {
        // expected values from: printf '1.{}' | openssl dgst -sha256 -hmac key
        assertThat(WebhookAuth.sign("key".getBytes(StandardCharsets.UTF_8), "1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224");
        assertThat(WebhookAuth.sign(InboxFixture.HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "1726749296",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=1e018ea42afd09ba393960996a373dc8ad89c89886368bcf45cf19a339c48419");
    }

    @Test
    void validSignatureIsAccepted() throws IOException {
        inbox = new InboxFixture(dir, InboxFixture::withHmac);
        String body = InboxFixture.event("plugit-handoff-event.json");
        String ts = now();

        var answer = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER, sign(ts, body));

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void badMissingOrReplayedSignaturesAre401() throws IOException {
        inbox = new InboxFixture(dir, InboxFixture::withHmac);
        String body = InboxFixture.event("plugit-handoff-event.json");
        String ts = now();
        // far outside the 300 s window: a second boundary passing between here and the server's check cannot matter
        // (the exact edges are checked with a fixed clock below)
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        String future = Long.toString(System.currentTimeMillis() / 1000 + 3600);

        var none = inbox.deliver(body);
        var otherBody = inbox.deliver(body.replace("Jane", "John"), WebhookAuth.TIMESTAMP_HEADER, ts,
                WebhookAuth.SIGNATURE_HEADER, sign(ts, body));
        var otherKey = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER,
                WebhookAuth.sign("not-the-key".getBytes(StandardCharsets.UTF_8), ts, body.getBytes(StandardCharsets.UTF_8)));
        var old = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, stale, WebhookAuth.SIGNATURE_HEADER, sign(stale, body));
        var early = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, future, WebhookAuth.SIGNATURE_HEADER, sign(future, body));
        var notSeconds = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, "2025-09-19T12:34:56Z",
                WebhookAuth.SIGNATURE_HEADER, sign(ts, body));
        var timestampMoved = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, Long.toString(Long.parseLong(ts) - 1),
                WebhookAuth.SIGNATURE_HEADER, sign(ts, body));

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).isEqualTo("missing X-Handoff-Timestamp header");
        assertThat(otherBody.status()).isEqualTo(401);
        assertThat(otherBody.json().get("error").asText()).isEqualTo("signature does not match");
        assertThat(otherKey.status()).isEqualTo(401);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().get("error").asText()).contains("from the server's clock", "300 s");
        assertThat(early.status()).isEqualTo(401);
        assertThat(notSeconds.status()).isEqualTo(401);
        assertThat(notSeconds.json().get("error").asText()).isEqualTo("X-Handoff-Timestamp is not unix seconds");
        assertThat(timestampMoved.status()).isEqualTo(401);
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
    }

    @Test
    void theFreshnessWindowIncludesItsEdgesAndNothingBeyond() throws IOException {
        long server = 1_726_749_296L;
        java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.ofEpochSecond(server), java.time.ZoneOffset.UTC);
        inbox = new InboxFixture(dir, s -> {
            InboxSettings h = InboxFixture.withHmac(s);
            return new InboxSettings(h.listen(), h.webhookHeader(), h.webhookSecret(), h.hmacSecret(), h.maxSkew(),
                    h.apiToken(), h.json(), h.maxBodyBytes(), h.workerThreads(), h.maxStreams(), h.heartbeat(),
                    h.shutdownGrace(), fixed, h.limits());
        });
        String body = InboxFixture.event("plugit-handoff-event.json");

        for (long offset : new long[] {-301, 301}) {
            String ts = Long.toString(server + offset);
            var answer = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER, sign(ts, body));
            assertThat(answer.status()).as("offset %d s", offset).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).contains("301 s from the server's clock");
        }
        String edge = Long.toString(server - 300);
        var accepted = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, edge, WebhookAuth.SIGNATURE_HEADER, sign(edge, body));
        assertThat(accepted.status()).isEqualTo(201);
    }

    @Test
    void staticHeaderIsStillCheckedWhenSignaturesAreOn() throws IOException {
        inbox = new InboxFixture(dir, InboxFixture::withHmac);
        String body = InboxFixture.event("plugit-handoff-event.json");
        String ts = now();

        var answer = inbox.post("/webhooks/handoff", body, java.util.Map.of(
                WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER, sign(ts, body)));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().get("error").asText()).isEqualTo("missing x-api-key header");
    }

    @Test
    void signatureAloneIsEnoughWhenNoHeaderSecretIsConfigured() throws IOException {
        inbox = new InboxFixture(dir, s -> new InboxSettings(s.listen(), s.webhookHeader(), null,
                new Secret(InboxFixture.HMAC_SECRET), s.maxSkew(), s.apiToken(), s.json(), s.maxBodyBytes(),
                s.workerThreads(), s.maxStreams(), s.heartbeat(), s.shutdownGrace(), s.clock(), s.limits()));
        String body = InboxFixture.event("plugit-handoff-event.json");
        String ts = now();

        var answer = inbox.post("/webhooks/handoff", body, java.util.Map.of(
                WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER, sign(ts, body)));

        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void aCapturedSignedRequestReplayedWithOtherUnsignedHeadersIsTheOriginalDelivery() throws IOException {
        inbox = new InboxFixture(dir, InboxFixture::withHmac);
        String body = InboxFixture.event("plugit-handoff-event.json");
        String ts = now();
        String sig = sign(ts, body);

        var original = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, ts, WebhookAuth.SIGNATURE_HEADER, sig,
                "Idempotency-Key", "evt-1");
        assertThat(original.status()).isEqualTo(201);
        long id = original.json().get("id").asLong();
        // an attacker who captured it changes, drops or adds the unsigned delivery headers
        List<String[]> replays = List.of(new String[]{"Idempotency-Key", "evt-1"}, new String[]{"Idempotency-Key", "evt-2"},
                new String[0], new String[]{"X-Delivery-Id", "x"});
        for (String[] extra : replays) {
            String[] headers = new String[4 + extra.length];
            headers[0] = WebhookAuth.TIMESTAMP_HEADER;
            headers[1] = ts;
            headers[2] = WebhookAuth.SIGNATURE_HEADER;
            headers[3] = sig;
            System.arraycopy(extra, 0, headers, 4, extra.length);
            var replay = inbox.deliver(body, headers);
            assertThat(replay.status()).as(String.join(" ", extra)).isEqualTo(200);
            assertThat(replay.json().get("id").asLong()).isEqualTo(id);
            assertThat(replay.json().get("duplicate").asBoolean()).isTrue();
        }
        // the sender's own retry, signed again a second earlier with the same key, is the same delivery too,
        // and replaying that retry with another key finds it as well
        String retryTs = Long.toString(Long.parseLong(ts) - 1);
        var retry = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, retryTs, WebhookAuth.SIGNATURE_HEADER,
                sign(retryTs, body), "Idempotency-Key", "evt-1");
        assertThat(retry.json().get("id").asLong()).isEqualTo(id);
        var replayedRetry = inbox.deliver(body, WebhookAuth.TIMESTAMP_HEADER, retryTs, WebhookAuth.SIGNATURE_HEADER,
                sign(retryTs, body), "Idempotency-Key", "evt-3");
        assertThat(replayedRetry.status()).isEqualTo(200);
        assertThat(replayedRetry.json().get("id").asLong()).isEqualTo(id);
        assertThat(inbox.get("/api/handoffs").json().get("items")).hasSize(1);
    }
}
