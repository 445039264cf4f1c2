package dev.handoff.remote;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.error.HandoffException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiClientTest {

    private static final String TOKEN = "qc_secret_token_5e1d";
    private static final Instant NOW = Instant.parse("2025-09-19T12:00:00Z");

    private final FakeVendorServer server = new FakeVendorServer(TOKEN)
            .quickchat(JsonNodeFactory.instance.objectNode().set("settings", JsonNodeFactory.instance.objectNode().put("is_active", true)));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<String> log = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient client(Duration readTimeout) {
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), readTimeout, 4, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(60), sleeper, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5,
                log::add, null);
        return new ApiClient(settings, new Token(TOKEN, "QC_TOKEN"), "support", "handoff/test");
    }

    private ApiClient client() {
        return client(Duration.ofSeconds(5));
    }

    private HttpUrl url() {
        return HttpUrl.get(server.url() + FakeVendorServer.QUICKCHAT_PATH);
    }

    private ApiCall get() {
        return ApiCall.get(url(), "check the url");
    }

    private ApiCall put() {
        return new ApiCall("PUT", url(), "{\"settings\":{\"is_active\":false}}", null, "check the url");
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("{\"detail\":\"nope\"}").build();
    }

    @Test
    void getIsRetriedOn429HonouringRetryAfterSeconds() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
        var json = client().getJson(get(), "the configuration");
        assertThat(json.path("settings").path("is_active").asBoolean()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(12), ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", date).build());
        client().getJson(get(), "the configuration");
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void aRetryAfterBeyondTheCapFailsAtOnceInsteadOfWaiting() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("HTTP 429").contains("3600 s").contains(url().toString());
        assertThat(sleeper.waits).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void getGivesUpAfterFourAttemptsWithGrowingBackoff() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(503));
        }
        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("GET " + url()).contains("HTTP 503").contains("after 4 attempts");
        assertThat(server.requests()).hasSize(4);
        // jitter 0.5 of the upper half: 500 ms -> 375, 1000 -> 750, 2000 -> 1500
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void http500IsNotRetried() {
        server.enqueue(status(500));
        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("HTTP 500");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void putIsNotRetriedAfterA503BecauseTheServerMayHaveAppliedIt() {
        server.enqueue(status(503));
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.hint()).contains("may or may not have applied the PUT");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void putIsNotRetriedWhenTheConnectionDropsAfterSending() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.hint()).contains("may have been applied");
        assertThat(server.requests(("PUT"))).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void putIsRetriedWhenTheConnectionWasRefusedBeforeAnythingWasSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        ApiCall call = new ApiCall("PUT", HttpUrl.get("http://127.0.0.1:" + port + "/v1/api/human_handoff/configuration"),
                "{}", null, "check the url");
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(call));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("cannot connect (connection refused)").contains("after 4 attempts");
        assertThat(sleeper.waits).hasSize(3);
        // each retry is one plain line; no Java class names reach the user
        assertThat(log).filteredOn(l -> l.contains("retrying in")).hasSize(3)
                .allMatch(l -> l.contains("connection refused"));
        assertThat(log).noneMatch(l -> l.contains("Exception"));
        assertThat(e.getMessage()).doesNotContain("Exception");
    }

    @Test
    void patchWithAnIdempotencyKeyIsRetriedWithTheSameKey() {
        server.enqueue(status(502));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(FakeVendorServer.json(200, JsonNodeFactory.instance.objectNode().put("id", "agt_1")));
        ApiCall patch = new ApiCall("PATCH", HttpUrl.get(server.url() + "/v2/agents"), "{\"id\":\"agt_1\"}", "handoff-abc123", "hint");
        client().send(patch);
        List<RecordedRequest> sent = server.requests("PATCH");
        assertThat(sent).hasSize(3);
        assertThat(sent).extracting(r -> r.getHeaders().get("Idempotency-Key")).containsOnly("handoff-abc123");
        assertThat(sleeper.waits).hasSize(2);
    }

    @Test
    void aDroppedConnectionOnGetIsRetried() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        var json = client().getJson(get(), "the configuration");
        assertThat(json.has("settings")).isTrue();
        assertThat(sleeper.waits).hasSize(1);
    }

    @Test
    void aTimeoutIsRetriedAndThenReportedWithTheUrl() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        }
        ApiClient client = client(Duration.ofMillis(150));
        var e = catchThrowableOfType(HandoffException.class, () -> client.getJson(get(), "the configuration"));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("GET " + url()).contains("no answer within 0.2 s").contains("after 4 attempts");
        assertThat(e.hint()).contains("--read-timeout");
        assertThat(sleeper.waits).hasSize(3);
    }

    @Test
    void unauthorizedAndForbiddenAreAuthErrorsNamingTargetAndVariable() {
        server.enqueue(status(401));
        var e401 = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "x"));
        assertThat(e401.kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(e401.getMessage()).contains("HTTP 401").contains("'support'");
        assertThat(e401.hint()).contains("QC_TOKEN");
        server.enqueue(status(403));
        var e403 = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "x"));
        assertThat(e403.kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(e403.getMessage()).contains("HTTP 403");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void notFoundNamesTheUrlAndGivesTheCallersHint() {
        server.enqueue(status(404));
        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "x"));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("GET " + url()).contains("HTTP 404");
        assertThat(e.hint()).isEqualTo("check the url");
    }

    @Test
    void malformedJsonAndHtmlAreRemoteErrorsNamingTheUrl() {
        server.enqueue(FakeVendorServer.text(200, "application/json", "{\"settings\": {\"is_active\": tru"));
        var bad = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(bad.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(bad.getMessage()).contains(url().toString()).contains("not valid JSON");
        server.enqueue(FakeVendorServer.text(200, "text/html", "<!doctype html><html><body>Login</body></html>"));
        var html = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(html.getMessage()).contains(url().toString()).contains("HTML page");
    }

    @Test
    void aShortTokenIsMaskedWhereItStandsAloneWithoutManglingTheRest() {
        assertThat(ApiClient.redact("GET http://127.0.0.1/tk42x: bad token tk42 (attempt 2)", "tk42"))
                .isEqualTo("GET http://127.0.0.1/tk42x: bad token <redacted> (attempt 2)");
        // under 4 characters a value is no credential and is not masked at all (docs/push-guarantees.md)
        assertThat(ApiClient.redact("GET http://127.0.0.1/test: bad token t", "t")).isEqualTo("GET http://127.0.0.1/test: bad token t");
        assertThat(ApiClient.redact("token=" + TOKEN + ".", TOKEN)).isEqualTo("token=<redacted>.");
    }

    @Test
    void theTokenNeverAppearsInLogsOrErrorsEvenWhenTheServerEchoesIt() {
        server.enqueue(FakeVendorServer.text(400, "application/json", "{\"message\":\"bad token " + TOKEN + "\"}"));
        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "x"));
        assertThat(e.getMessage()).contains("<redacted>").doesNotContain(TOKEN);
        assertThat(log).isNotEmpty().noneMatch(l -> l.contains(TOKEN));
        assertThat(log.get(0)).startsWith("> GET " + url());
        assertThat(server.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    // ---- a write is sent exactly once unless our own retry code decides otherwise

    @Test
    void aPutAnswered503WithRetryAfterZeroIsSentOnceAndLoggedOnce() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").body("{\"detail\":\"busy\"}").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(server.requests("PUT")).hasSize(1);
        assertThat(log.stream().filter(l -> l.startsWith("> PUT"))).hasSize(1);
        assertThat(log.stream().filter(l -> l.startsWith("< 503"))).hasSize(1);
    }

    @Test
    void aGetAnswered503WithRetryAfterZeroIsRetriedAndEveryAttemptIsLogged() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        client().getJson(get(), "the configuration");
        assertThat(server.requests("GET")).hasSize(2);
        // a GET may be repeated by OkHttp itself; what matters is that the log shows what the server saw
        assertThat(log.stream().filter(l -> l.startsWith("> GET"))).hasSize(2);
        assertThat(log.stream().filter(l -> l.startsWith("< 503"))).hasSize(1);
    }

    @Test
    void aRedirectedPutIsNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", server.url() + "/elsewhere").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("HTTP 307").contains("/elsewhere");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRedirectedGetIsNotFollowedEitherAndTheMessageNamesWhereTo() {
        // followed, the GET went to the other host and its failure named the configured one ("unknown host 127.0.0.1")
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 302 Found")
                .addHeader("Location", "https://user:pw@nonexistent.invalid:8443/x?token=abc#frag").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(get()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).isEqualTo("GET " + url() + ": HTTP 302 Found: the server redirects to"
                + " https://nonexistent.invalid:8443/x; handoff follows no redirect, so that the token is only ever sent to the"
                + " configured address");
        assertThat(e.hint()).contains("set the target's url");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void aRelativeRedirectIsShownAgainstTheRequestsAddress() {
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 301 Moved Permanently")
                .addHeader("Location", "/v2/config?sig=1").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(get()));
        assertThat(e.getMessage()).contains("HTTP 301 Moved Permanently: the server redirects to " + server.url() + "/v2/config;")
                .doesNotContain("sig=");
    }

    @Test
    void notModifiedToAGetThatAskedNothingIsSaidPlainly() {
        server.enqueue(new MockResponse.Builder().status("HTTP/1.1 304 Not Modified").build());
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(get()));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).isEqualTo("GET " + url() + ": HTTP 304 Not Modified: the server answered 'not modified' to a"
                + " request that compared nothing, and sent no document");
        assertThat(e.getMessage()).doesNotContain("redirect");
        assertThat(server.requests().get(0).getHeaders().get("If-None-Match")).isNull();
    }

    @Test
    void aPutRefusedWith429AndRetryAfterIsRetried() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
        client().send(put());
        assertThat(server.requests("PUT")).hasSize(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(log.stream().filter(l -> l.startsWith("> PUT"))).hasSize(2);
    }

    @Test
    void aPutRefusedWith429WithoutRetryAfterIsNotRetried() {
        server.enqueue(new MockResponse.Builder().code(429).build());
        catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(server.requests("PUT")).hasSize(1);
    }

    @Test
    void ifMatchIsSentAnd412IsAConflict() {
        server.enqueue(FakeVendorServer.text(412, "application/json", "{\"detail\":\"Precondition failed\"}"));
        ApiCall call = new ApiCall("PUT", url(), "{}", null, "check the url").ifMatch("\"v1\"");
        var e = catchThrowableOfType(HandoffException.class, () -> client().send(call));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.CONFLICT);
        assertThat(server.requests().get(0).getHeaders().get("If-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void a409ToAWriteIsAConflictWithNothingWrittenAndA412ToAReadIsNoConflict() {
        server.enqueue(FakeVendorServer.text(409, "application/json", "{\"detail\":\"version conflict\"}"));
        var put = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(put.kind()).isEqualTo(HandoffException.Kind.CONFLICT);
        assertThat(put).isInstanceOf(WriteRefused.class);
        assertThat(put.getMessage()).contains("HTTP 409").contains("version conflict").contains("nothing was written");
        assertThat(put.hint()).contains("handoff diff").doesNotContain("validate");

        server.enqueue(FakeVendorServer.text(412, "application/json", "{\"detail\":\"Precondition failed\"}"));
        var get = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));
        assertThat(get.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(get.getMessage()).contains("HTTP 412").doesNotContain("ETag").doesNotContain("changed since");
    }

    @Test
    void anAnswerDrippedSlowerThanTheTimeoutsAllowIsATimeoutNotAWaitAsLongAsTheServerLikes() {
        String json = "{\"settings\":{\"is_active\":true,\"pad\":\"" + "x".repeat(60) + "\"}}";
        for (int i = 0; i < 4; i++) {
            // every byte comes well within the read timeout; the whole answer would take 4 s
            server.enqueue(new MockResponse.Builder().body(json).throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
        }
        HttpSettings settings = new HttpSettings(Duration.ofMillis(200), Duration.ofMillis(300), 4, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(60), sleeper, Clock.fixed(NOW, ZoneOffset.UTC), () -> 0.5, log::add, null);
        ApiClient client = new ApiClient(settings, new Token(TOKEN, "QC_TOKEN"), "support", "handoff/test");

        var e = catchThrowableOfType(HandoffException.class, () -> client.getJson(get(), "the configuration"));

        assertThat(e).as("the answer was read whole").isNotNull();
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("no complete answer within 0.5 s").contains("after 4 attempts");
        assertThat(e.hint()).contains("--read-timeout");
    }

    @Test
    void anAnswerFarLargerThanAnyConfigurationIsRefusedNamingTheUrl() {
        String big = "{\"settings\":{\"keywords\":[\"" + "k".repeat((int) ApiClient.MAX_ANSWER) + "\"]}}";
        server.enqueue(new MockResponse.Builder().body(big).build());

        var e = catchThrowableOfType(HandoffException.class, () -> client().getJson(get(), "the configuration"));

        assertThat(e.kind()).isEqualTo(HandoffException.Kind.REMOTE);
        assertThat(e.getMessage()).contains("GET " + url()).contains("larger than 8 MB").contains("nothing was written");
        assertThat(e.hint()).contains("--api-url");

        server.enqueue(new MockResponse.Builder().body(big).build());
        var write = catchThrowableOfType(HandoffException.class, () -> client().send(put()));
        assertThat(write.getMessage()).contains("larger than 8 MB").contains("may have been applied");
    }
}
