package dev.handoff.queue.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jetty's adapter builds a new header map on every {@code getRequestHeaders()} call; the handlers
 * copy the headers once per request (a webhook used to copy them six times).
 */
class RequestHeadersTest {

    @TempDir
    Path dir;

    @Test
    void aWebhookCopiesTheRequestHeadersOnce() throws Exception {
        String body = "{\"agent\":{\"id\":\"agt_1\"},\"name\":\"Jane\",\"phone_number\":\"+15551234567\","
                + "\"summary\":\"s\",\"reason\":\"r\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
        Headers headers = new Headers();
        headers.add("Content-Type", "application/json");
        headers.add("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        headers.add("X-Webhook-Secret", "s3cret");
        headers.add(WebhookHandler.IDEMPOTENCY_KEY, "delivery-1");
        CountingExchange ex = new CountingExchange("POST", headers, body, new HashMap<>());
        try (InboxStore store = SqliteStore.open(dir.resolve("inbox.db"), Clock.systemUTC())) {
            WebhookAuth auth = new WebhookAuth("X-Webhook-Secret", new Secret("s3cret"), null, Duration.ofMinutes(5),
                    Clock.systemUTC());
            new WebhookHandler(auth, store, new PhoneNumbers(null), 64 * 1024).handle(ex);
        }
        assertThat(ex.responseCode).as(ex.response.toString(StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(ex.headerCopies).isEqualTo(1);
    }

    @Test
    void aCopyServesOnlyTheExchangeThatMadeIt() {
        // the JDK's own server shares one attribute map between the requests of a context
        Map<String, Object> shared = new HashMap<>();
        Headers first = new Headers();
        first.add("Authorization", "Bearer one");
        Headers second = new Headers();
        second.add("Authorization", "Bearer two");
        CountingExchange a = new CountingExchange("GET", first, "", shared);
        CountingExchange b = new CountingExchange("GET", second, "", shared);

        assertThat(Exchanges.requestHeaders(a).getFirst("Authorization")).isEqualTo("Bearer one");
        assertThat(Exchanges.requestHeaders(b).getFirst("Authorization")).isEqualTo("Bearer two");
        assertThat(Exchanges.requestHeaders(b).getFirst("Authorization")).isEqualTo("Bearer two");
        assertThat(b.headerCopies).isEqualTo(1);
    }

    /** An exchange that counts header copies, like Jetty's adapter builds one per call. */
    private static final class CountingExchange extends HttpExchange {
        private final String method;
        private final Headers request;
        private final Headers responseHeaders = new Headers();
        private final Map<String, Object> attributes;
        private final InputStream in;
        final ByteArrayOutputStream response = new ByteArrayOutputStream();
        int headerCopies;
        int responseCode = -1;

        CountingExchange(String method, Headers request, String body, Map<String, Object> attributes) {
            this.method = method;
            this.request = request;
            this.attributes = attributes;
            this.in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Headers getRequestHeaders() {
            headerCopies++;
            Headers copy = new Headers();
            copy.putAll(request);
            return copy;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/webhooks/handoff");
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getRequestBody() {
            return in;
        }

        @Override
        public OutputStream getResponseBody() {
            return response;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            responseCode = rCode;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public int getResponseCode() {
            return responseCode;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 8080);
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
