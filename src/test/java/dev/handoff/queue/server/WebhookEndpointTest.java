package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookEndpointTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void newEventIs201AndRedeliveryWithTheSameIdempotencyKeyIs200WithTheSameId() throws IOException {
        inbox = new InboxFixture(dir);
        String body = InboxFixture.event("plugit-handoff-event.json");

        var first = inbox.deliver(body, "Idempotency-Key", "evt-1");
        var again = inbox.deliver(body, "Idempotency-Key", "evt-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("duplicate").asBoolean()).isFalse();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(first.headers().get("Location")).containsExactly("/api/handoffs/" + first.json().get("id").asLong());
        assertThat(inbox.get("/api/handoffs").json().get("items")).hasSize(1);
    }

    @Test
    void keysAndSecretsHoldingCommasAreReadWholeNotCutAtTheFirstComma() throws IOException {
        // Jetty's adapter splits header values at commas; "batch-7,evt-2" once read as "batch-7", a duplicate of evt-1
        inbox = new InboxFixture(dir, s -> new InboxSettings(s.listen(), s.webhookHeader(), new Secret("abc,def-Zq8v3RkT"),
                s.hmacSecret(), s.maxSkew(), s.apiToken(), s.json(), s.maxBodyBytes(), s.workerThreads(), s.maxStreams(),
                s.heartbeat(), s.shutdownGrace(), s.clock(), s.limits()));
        String one = InboxFixture.event("first", "2026-12-07T10:00:00Z");
        String two = InboxFixture.event("second", "2026-12-07T10:01:00Z");
        Map<String, String> key = Map.of("x-api-key", "abc,def-Zq8v3RkT");

        var first = inbox.post("/webhooks/handoff", one, with(key, "Idempotency-Key", "batch-7,evt-1"));
        var second = inbox.post("/webhooks/handoff", two, with(key, "Idempotency-Key", "batch-7,evt-2"));
        var delivery = inbox.post("/webhooks/handoff", two, with(key, "X-Delivery-Id", "d-7,y"));
        var secretAndMore = inbox.post("/webhooks/handoff", one, Map.of("x-api-key", "abc,def-Zq8v3RkT, extra"));
        var firstPieceOnly = inbox.post("/webhooks/handoff", one, Map.of("x-api-key", "abc"));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(delivery.status()).as(delivery.body()).isEqualTo(201);
        assertThat(secretAndMore.status()).isEqualTo(401);
        assertThat(firstPieceOnly.status()).isEqualTo(401);
        assertThat(inbox.get("/api/handoffs").json().get("items")).hasSize(3);
    }

    @Test
    void aSecretOrKeyHeaderGivenOnTwoLinesIsRefusedNotDecidedByItsFirstLine() throws IOException {
        inbox = new InboxFixture(dir);
        String body = InboxFixture.event("twice", "2026-12-07T10:00:00Z");
        okhttp3.Request.Builder rightThenWrong = new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .post(okhttp3.RequestBody.create(body, InboxFixture.JSON))
                .addHeader("x-api-key", InboxFixture.WEBHOOK_SECRET).addHeader("x-api-key", "nope");
        var secretTwice = inbox.call(rightThenWrong.build());
        assertThat(secretTwice.status()).isEqualTo(401);
        assertThat(secretTwice.body()).contains("x-api-key header given more than once");

        // first-wins answered a new event "duplicate" when its second key line differed
        okhttp3.Request.Builder twoKeys = new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .post(okhttp3.RequestBody.create(body, InboxFixture.JSON)).header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .addHeader("Idempotency-Key", "dupA").addHeader("Idempotency-Key", "dupB");
        var keyTwice = inbox.call(twoKeys.build());
        assertThat(keyTwice.status()).isEqualTo(400);
        assertThat(keyTwice.json().get("error").asText()).isEqualTo("Idempotency-Key given more than once; send one");
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
        assertThat(inbox.seen.toString()).doesNotContain(InboxFixture.WEBHOOK_SECRET);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    @Test
    void withoutAKeyTheBodyHashDeduplicatesAndADeliveryIdIsAKeyToo() throws IOException {
        inbox = new InboxFixture(dir);
        String body = InboxFixture.event("plugit-handoff-event.json");

        var first = inbox.deliver(body);
        var sameBody = inbox.deliver(body);
        var otherDelivery = inbox.deliver(body, "X-Delivery-Id", "dlv-77");
        var otherDeliveryAgain = inbox.deliver(body, "X-Delivery-Id", "dlv-77");

        assertThat(first.status()).isEqualTo(201);
        assertThat(sameBody.status()).isEqualTo(200);
        assertThat(sameBody.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(otherDelivery.status()).isEqualTo(201);
        assertThat(otherDeliveryAgain.status()).isEqualTo(200);
        assertThat(otherDeliveryAgain.json().get("id")).isEqualTo(otherDelivery.json().get("id"));
    }

    @Test
    void storedEventKeepsTheParsedFieldsTheRawBodyAndAWhatsAppLink() throws IOException {
        inbox = new InboxFixture(dir);
        String body = InboxFixture.event("plugit-handoff-event.json");
        long id = inbox.deliver(body).json().get("id").asLong();

        JsonNode h = inbox.get("/api/handoffs/" + id).json();

        assertThat(h.get("agent_id").asText()).isEqualTo("agt_123");
        assertThat(h.get("agent_external_id").asText()).isEqualTo("crm-42");
        assertThat(h.get("name").asText()).isEqualTo("Jane Doe");
        assertThat(h.get("phone_number").asText()).isEqualTo("+15551234567");
        assertThat(h.get("summary").asText()).isEqualTo("User asked to speak with a human.");
        assertThat(h.get("reason").asText()).isEqualTo("criteria_matched: user_requested_human");
        assertThat(h.get("created_at").asText()).isEqualTo("2025-09-19T12:34:56Z");
        assertThat(h.get("status").asText()).isEqualTo("pending");
        assertThat(h.get("claimed_by").isNull()).isTrue();
        assertThat(h.get("version").asLong()).isEqualTo(1);
        assertThat(h.get("whatsapp_url").asText()).isEqualTo(
                "https://api.whatsapp.com/send?phone=15551234567&text=Hi%2C%20I%27m%20taking%20over%20your%20request.");
        inbox.close();
        try (var store = dev.handoff.queue.store.InboxStore.open(inbox.db, java.time.Clock.systemUTC())) {
            assertThat(new String(store.rawEvent(id).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(body);
        }
        inbox = null;
    }

    @Test
    void missingOrWrongSecretIs401AndStoresNothing() throws IOException {
        inbox = new InboxFixture(dir);
        String body = InboxFixture.event("plugit-handoff-event.json");

        var missing = inbox.post("/webhooks/handoff", body, Map.of());
        var wrong = inbox.post("/webhooks/handoff", body, Map.of("x-api-key", InboxFixture.WEBHOOK_SECRET + "x"));
        var prefix = inbox.post("/webhooks/handoff", body, Map.of("x-api-key", InboxFixture.WEBHOOK_SECRET.substring(0, 5)));
        var apiTokenInstead = inbox.post("/webhooks/handoff", body, Map.of("x-api-key", InboxFixture.API_TOKEN));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).isEqualTo("missing x-api-key header");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("wrong x-api-key header");
        assertThat(prefix.status()).isEqualTo(401);
        assertThat(apiTokenInstead.status()).isEqualTo(401);
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
    }

    @Test
    void notJsonIs415() throws IOException {
        inbox = new InboxFixture(dir);
        var answer = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .post(okhttp3.RequestBody.create("name=Jane", okhttp3.MediaType.get("application/x-www-form-urlencoded")))
                .build());
        var jsonWithCharset = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .post(okhttp3.RequestBody.create(InboxFixture.event("plugit-handoff-event.json"),
                        okhttp3.MediaType.get("application/json; charset=utf-8")))
                .build());

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").asText()).contains("application/json");
        assertThat(jsonWithCharset.status()).isEqualTo(201);
    }

    @Test
    void malformedOrIncompleteEventsAre400NamingTheField() throws IOException {
        inbox = new InboxFixture(dir);

        var malformed = inbox.deliver(InboxFixture.event("event-malformed-json.json"));
        var noAgentId = inbox.deliver(InboxFixture.event("event-missing-agent-id.json"));
        var numberPhone = inbox.deliver(InboxFixture.event("event-phone-number-not-a-string.json"));
        var badDate = inbox.deliver(InboxFixture.event("event-created-at-not-a-date.json"));
        var array = inbox.deliver("[1, 2]");
        var duplicateKey = inbox.deliver("{\"agent\":{\"id\":\"a\"},\"agent\":{\"id\":\"b\"}}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).startsWith("malformed JSON at line 2");
        assertThat(noAgentId.status()).isEqualTo(400);
        assertThat(noAgentId.json().get("field").asText()).isEqualTo("agent.id");
        assertThat(noAgentId.json().get("error").asText()).isEqualTo("required field is missing");
        assertThat(numberPhone.json().get("field").asText()).isEqualTo("phone_number");
        assertThat(numberPhone.json().get("error").asText()).isEqualTo("must be a string, got a number");
        assertThat(badDate.json().get("field").asText()).isEqualTo("created_at");
        assertThat(badDate.json().get("error").asText()).contains("'yesterday'", "ISO-8601");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("error").asText()).isEqualTo("expected a JSON object, got an array");
        assertThat(duplicateKey.status()).isEqualTo(400);
        assertThat(duplicateKey.json().get("error").asText()).contains("Duplicate field 'agent'");
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
    }

    @Test
    void badIdempotencyKeyIs400() throws IOException {
        inbox = new InboxFixture(dir);
        var answer = inbox.deliver(InboxFixture.event("plugit-handoff-event.json"), "Idempotency-Key", "x".repeat(201));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void whatJettyRefusesBeforeTheInboxSeesItIsAnsweredInJsonToo() throws IOException {
        inbox = new InboxFixture(dir);
        String doubleSlash = rawAnswer("POST //webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(doubleSlash).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                .contains("{\"error\":\"the URL's path has an empty segment ('//'): check the URL the sender posts to\"}")
                .doesNotContain("<html");
        String garbage = rawAnswer("GARBAGE\r\n\r\n");
        assertThat(garbage).startsWith("HTTP/1.1 400").contains("application/json").contains("{\"error\":\"bad request").doesNotContain("<html");
        String bigHeaders = rawAnswer("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(bigHeaders).startsWith("HTTP/1.1 431").contains("{\"error\":\"request headers too large (at most 16 KiB)\"}");
    }

    private String rawAnswer(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", inbox.server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void declaredBodyOverOneMebibyteIs413WithoutTheServerWaitingForIt() throws IOException {
        inbox = new InboxFixture(dir);
        // the client sends only the headers: the server must answer without reading a byte of body
        String head = "POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + InboxFixture.WEBHOOK_SECRET
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (InboxSettings.ONE_MIB + 1) + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", inbox.server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = readLine(socket.getInputStream());
            assertThat(status).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void chunkedBodyOverOneMebibyteIs413AndABodyAtTheLimitIsRead() throws IOException {
        inbox = new InboxFixture(dir);
        byte[] tooLong = padded(InboxSettings.ONE_MIB + 1);
        byte[] atLimit = padded(InboxSettings.ONE_MIB);

        var over = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .post(chunked(tooLong)).build());
        var at = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff"))
                .header("x-api-key", InboxFixture.WEBHOOK_SECRET)
                .post(chunked(atLimit)).build());

        assertThat(over.status()).isEqualTo(413);
        assertThat(at.status()).isEqualTo(201);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws IOException {
        inbox = new InboxFixture(dir);
        var unknown = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/other")).build());
        var getWebhook = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/webhooks/handoff")).build());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(getWebhook.status()).isEqualTo(405);
        assertThat(getWebhook.headers().get("Allow")).containsExactly("POST");
    }

    @Test
    void healthzAnswersOkWithoutAToken() throws IOException {
        inbox = new InboxFixture(dir);
        var health = inbox.call(new okhttp3.Request.Builder().url(inbox.url("/healthz")).build());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void requestLogHasOneJsonLinePerRequestAndNeverASecretOrABody() throws IOException {
        inbox = new InboxFixture(dir, InboxFixture::withHmac);
        String body = InboxFixture.event("plugit-handoff-event.json");
        inbox.deliver(body);
        inbox.post("/webhooks/handoff", body, Map.of("x-api-key", "guess-" + InboxFixture.WEBHOOK_SECRET));
        inbox.get("/api/handoffs?status=pending");
        inbox.call(new okhttp3.Request.Builder().url(inbox.url("/api/handoffs"))
                .header("Authorization", "Bearer " + InboxFixture.WEBHOOK_SECRET).build());
        inbox.close();

        String log = inbox.log.toString();
        String everything = log + inbox.seen;
        for (String secret : new String[]{InboxFixture.WEBHOOK_SECRET, InboxFixture.API_TOKEN, InboxFixture.HMAC_SECRET}) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(log).doesNotContain("Jane Doe", "+15551234567", "status=pending");
        var lines = log.lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"time\":").endsWith("}"));
        var requests = lines.stream().filter(l -> l.contains("\"method\"")).toList();
        // each line is written after its answer is sent, so lines of back-to-back requests may swap
        assertThat(requests).hasSize(4);
        assertThat(requests).filteredOn(l -> l.contains("\"path\":\"/webhooks/handoff\""))
                .extracting(l -> l.replaceAll(".*\"status\":(\\d+).*", "$1"))
                .containsExactly("401", "401"); // unsigned while HMAC is on, then a wrong secret
        assertThat(requests).filteredOn(l -> l.contains("\"path\":\"/api/handoffs\""))
                .extracting(l -> l.replaceAll(".*\"status\":(\\d+).*", "$1"))
                .containsExactlyInAnyOrder("200", "401");
        assertThat(requests).allSatisfy(l -> assertThat(l).contains("\"duration_ms\":"));
        assertThat(lines.get(lines.size() - 1)).contains("\"event\":\"stopped\"");
        inbox = null;
    }

    private static byte[] padded(int size) {
        String prefix = "{\"agent\":{\"id\":\"agt_1\"},\"phone_number\":\"+15551234567\",\"created_at\":\"2025-09-19T12:34:56Z\",\"summary\":\"";
        String suffix = "\"}";
        StringBuilder sb = new StringBuilder(size).append(prefix);
        sb.append("a".repeat(size - prefix.length() - suffix.length())).append(suffix);
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    private static okhttp3.RequestBody chunked(byte[] bytes) {
        return new okhttp3.RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return InboxFixture.JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(okio.BufferedSink sink) throws IOException {
                sink.write(bytes);
            }
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).strip();
    }

    @Test
    void aCreatedAtOutsideTheSaneRangeIs400NamingTheFieldNotARetryForever() throws IOException {
        inbox = new InboxFixture(dir);
        for (String at : java.util.List.of("+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            var answer = inbox.deliver(InboxFixture.event("s", at));
            assertThat(answer.status()).as(at).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).isEqualTo("created_at");
            assertThat(answer.json().get("error").asText()).contains("outside the accepted range");
        }
        assertThat(inbox.deliver(InboxFixture.event("s", "9999-12-31T23:59:59Z")).status()).isEqualTo(201);
        assertThat(inbox.get("/api/handoffs").json().get("items")).hasSize(1);
    }

    @Test
    void aWebhookAnswered503HasItsCauseInTheLog() throws IOException {
        inbox = new InboxFixture(dir);
        // the store stops under the server: the write cannot be confirmed
        inbox.server.storeForTests().close();
        var answer = inbox.deliver(InboxFixture.event("s", "2025-09-19T12:00:00Z"));
        assertThat(answer.status()).isEqualTo(503);
        String log = inbox.log.toString();
        assertThat(log).contains("\"event\":\"webhook_not_stored\"").contains("the store is shutting down");
        assertThat(log).doesNotContain(InboxFixture.WEBHOOK_SECRET).doesNotContain("Jane Doe");
    }

    @Test
    void aCompressedBodyIs415NamingTheEncodingNotAControlCharacterError() throws IOException {
        inbox = new InboxFixture(dir);
        var answer = inbox.deliver(InboxFixture.event("s", "2025-09-19T12:00:00Z"), "Content-Encoding", "gzip");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().get("error").asText()).isEqualTo("Content-Encoding gzip is not supported; send the body uncompressed");
        assertThat(inbox.get("/api/handoffs").json().get("items")).isEmpty();
        var listed = inbox.deliver(InboxFixture.event("s", "2025-09-19T12:00:00Z"), "Content-Encoding", "identity, gzip");
        assertThat(listed.status()).isEqualTo(415);
        assertThat(listed.json().get("error").asText()).startsWith("Content-Encoding gzip is not supported");
        String twoLines = rawAnswer("POST /webhooks/handoff HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + InboxFixture.WEBHOOK_SECRET
                + "\r\nContent-Type: application/json\r\nContent-Encoding: identity\r\nContent-Encoding: br\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(twoLines).startsWith("HTTP/1.1 415").contains("Content-Encoding br is not supported");
    }
}
