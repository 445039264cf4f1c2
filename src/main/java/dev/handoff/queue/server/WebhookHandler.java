package dev.handoff.queue.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.handoff.queue.HandoffEvent;
import dev.handoff.queue.PhoneNumbers;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.InboxStore;
import dev.handoff.queue.store.Ingested;
import dev.handoff.queue.store.NewHandoff;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /webhooks/handoff}. Checks run cheapest first and refuse before the body is read
 * where they can: secret header (401), content type (415), size (413), signature (401), event
 * (400). The answer is sent only after the event is committed: 201 for a new handoff, 200 for a
 * redelivery of a stored one (same id), 503 when the store could not confirm the write.
 */
final class WebhookHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String DELIVERY_ID = "X-Delivery-Id";
    private static final int MAX_KEY_LENGTH = 200;
    private static final long COMMIT_WAIT_SECONDS = 15;

    private final WebhookAuth auth;
    private final InboxStore store;
    private final PhoneNumbers phones;
    private final int maxBodyBytes;
    /** The notification channels; each new handoff gets one outbox row per channel, in its own transaction. */
    private final List<String> channels;
    /** Told after a new handoff with outbox rows was answered, so that sending starts at once. */
    private final Runnable onQueued;

    /** Where a 503's cause goes (the request line alone would only say 503). */
    private final RequestLog log;

    WebhookHandler(WebhookAuth auth, InboxStore store, PhoneNumbers phones, int maxBodyBytes) {
        this(auth, store, phones, maxBodyBytes, List.of(), () -> { }, null);
    }

    WebhookHandler(WebhookAuth auth, InboxStore store, PhoneNumbers phones, int maxBodyBytes, List<String> channels,
                   Runnable onQueued, RequestLog log) {
        this.log = log;
        this.auth = auth;
        this.store = store;
        this.phones = phones;
        this.maxBodyBytes = maxBodyBytes;
        this.channels = List.copyOf(channels);
        this.onQueued = onQueued;
    }

    void handle(HttpExchange ex) throws IOException {
        if (!"POST".equals(ex.getRequestMethod())) {
            Exchanges.methodNotAllowed(ex, "POST");
            return;
        }
        Optional<String> refused = auth.checkHeader(Exchanges.requestHeaders(ex));
        if (refused.isPresent()) {
            Exchanges.error(ex, 401, refused.get(), null);
            return;
        }
        if (!Exchanges.isJson(ex)) {
            Exchanges.error(ex, 415, "Content-Type must be application/json", null);
            return;
        }
        Charset charset;
        try {
            charset = Exchanges.declaredCharset(ex);
        } catch (Exchanges.UnknownCharsetException e) {
            // 415, not 400: the platform retries it, and the sender can be told to send UTF-8
            Exchanges.error(ex, 415, "charset " + Exchanges.token(e.getMessage()) + " is not one the inbox knows; "
                    + "send the body in UTF-8", "Content-Type");
            return;
        }
        for (String header : new String[]{"Content-Encoding", "Transfer-Encoding"}) {
            String coding = unsupportedCoding(Exchanges.requestHeaders(ex).get(header));
            if (coding != null) {
                // a compressed body would otherwise be parsed as JSON and refused with a 400, which
                // tells the platform not to retry: the handoff would be lost
                Exchanges.error(ex, 415, header + " " + Exchanges.token(coding) + " is not supported; "
                        + "send the body uncompressed", header);
                return;
            }
        }
        byte[] body = Exchanges.body(ex, maxBodyBytes);
        if (body == null) {
            ex.getResponseHeaders().set("Connection", "close");
            Exchanges.error(ex, 413, "body larger than " + maxBodyBytes + " bytes", null);
            return;
        }
        refused = auth.checkSignature(Exchanges.requestHeaders(ex), body);
        if (refused.isPresent()) {
            Exchanges.error(ex, 401, refused.get(), null);
            return;
        }
        // JSON is UTF-8, but a sender that says otherwise (charset=iso-8859-1) is taken at its word: its
        // é is one byte, which a UTF-8 parser refuses with a 400 and the platform drops the handoff
        byte[] json = charset == null || charset.equals(StandardCharsets.UTF_8) ? body
                : new String(body, charset).getBytes(StandardCharsets.UTF_8);
        if (charset == null && !isUtf8(body)) {
            // no charset said and not UTF-8: a sender writing its platform's 8-bit code page (Windows-1252,
            // of which Latin-1's letters are part); a 400 would have the platform drop the handoff
            json = new String(body, Charset.forName("windows-1252")).getBytes(StandardCharsets.UTF_8);
        }
        HandoffEvent event;
        try {
            event = HandoffEvent.parse(json);
        } catch (HandoffEvent.InvalidEventException e) {
            Exchanges.error(ex, 400, e.getMessage(), e.field());
            return;
        }
        String key;
        try {
            key = deliveryKey(ex, body);
        } catch (IllegalArgumentException e) {
            Exchanges.error(ex, 400, e.getMessage(), headerName(ex));
            return;
        }
        // the raw event is kept in UTF-8, what every reader of it expects; keys and signatures cover the bytes sent
        store(ex, new NewHandoff(key, event, phones.normalise(event.phoneNumber()), json, channels,
                auth.signedHash(Exchanges.requestHeaders(ex), body)));
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private void store(HttpExchange ex, NewHandoff handoff) throws IOException {
        Ingested ingested;
        java.util.concurrent.CompletableFuture<Ingested> pending = store.ingest(handoff);
        try {
            ingested = pending.get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a task not yet started is then skipped by the writer, so the 503 below means not stored
            pending.cancel(false);
            // the sender retries; the delivery key makes a late commit and the retry one handoff
            notStored(e instanceof ExecutionException ? e.getCause() : e);
            ex.getResponseHeaders().set("Retry-After", "1");
            Exchanges.error(ex, 503, "the event could not be stored; retry later", null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Exchanges.error(ex, 503, "the server is shutting down; retry later", null);
            return;
        }
        ObjectNode answer = QueueJson.mapper().createObjectNode();
        answer.put("id", ingested.handoff().id());
        answer.put("duplicate", !ingested.created());
        ex.getResponseHeaders().set("Location", "/api/handoffs/" + ingested.handoff().id());
        Exchanges.json(ex, ingested.created() ? 201 : 200, answer);
        if (ingested.created() && !channels.isEmpty()) {
            onQueued.run();
        }
    }

    /**
     * Logs why a webhook got 503: the store's own words (SQL errors name tables and SQLite's codes,
     * never values), not the event, which holds personal data.
     */
    private void notStored(Throwable cause) {
        if (log == null) {
            return;
        }
        ObjectNode details = QueueJson.mapper().createObjectNode();
        details.put("status", 503);
        details.put("error", log.reason(cause));
        log.event("webhook_not_stored", details);
    }

    /** The sender's idempotency key or delivery id when it sends one, else the body's hash. */
    static String deliveryKey(HttpExchange ex, byte[] body) {
        for (String header : new String[]{IDEMPOTENCY_KEY, DELIVERY_ID}) {
            if (WebhookAuth.repeated(Exchanges.requestHeaders(ex), header)) {
                // first-wins answered a new event "duplicate" when its second line differed: it was never stored
                throw new IllegalArgumentException(header + " given more than once; send one");
            }
            String value = Exchanges.requestHeaders(ex).getFirst(header);
            if (value != null) {
                value = value.strip();
                if (value.isEmpty() || value.length() > MAX_KEY_LENGTH || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                    throw new IllegalArgumentException(header + " must be 1 to " + MAX_KEY_LENGTH
                            + " printable ASCII characters without spaces");
                }
                return (header.equals(IDEMPOTENCY_KEY) ? "key:" : "delivery:") + value;
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256(body));
    }

    private static String headerName(HttpExchange ex) {
        return Exchanges.requestHeaders(ex).containsKey(IDEMPOTENCY_KEY) ? IDEMPOTENCY_KEY : DELIVERY_ID;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first coding of a header's values (every header line, every comma-separated item) other than identity or chunked. */
    static String unsupportedCoding(java.util.List<String> values) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            for (String item : value.split(",")) {
                String coding = item.strip();
                if (!coding.isEmpty() && !coding.equalsIgnoreCase("identity") && !coding.equalsIgnoreCase("chunked")) {
                    return coding;
                }
            }
        }
        return null;
    }
}
