package dev.handoff.classify.openai;

import dev.handoff.classify.ApiKey;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Posts to {@code {base}/chat/completions} with OkHttp and hands back the status, headers and
 * body as they came: retries, rate limits and refusals are the classifier's to decide. The key
 * goes in one header and nowhere else; OkHttp does not log.
 */
final class ChatClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** What the server answered. */
    record Reply(int status, Headers headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final OkHttpClient http;
    private final String url;
    private final String keyHeader;
    private final String keyValue;

    /**
     * @param keyHeader null for Authorization: Bearer, else the header that carries the key alone (Azure: api-key)
     */
    /** With --verbose, a line per request and one per answer (address without credentials, status, time); never a header. */
    private final java.util.function.Consumer<String> requestLog;

    ChatClient(String baseUrl, ApiKey key, String keyHeader, Duration timeout, int connections,
               java.util.function.Consumer<String> requestLog) {
        this.requestLog = requestLog;
        this.url = baseUrl + "/chat/completions";
        if (key == null) {
            this.keyHeader = null;
            this.keyValue = null;
        } else if (keyHeader == null) {
            this.keyHeader = "Authorization";
            this.keyValue = "Bearer " + key.reveal();
        } else {
            this.keyHeader = keyHeader;
            this.keyValue = key.reveal();
        }
        this.http = new OkHttpClient.Builder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(Math.min(timeout.toMillis(), 10_000), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(Math.max(5, connections), 5, TimeUnit.MINUTES))
                // a pooled connection the server closed as it was reused (a server that closes after each answer, as an
                // HTTP/1.0 one does) is tried again on a new one; without it, such a server's answers were lost on every run,
                // all attempts included. A request repeated is one more classification, never a second write.
                .retryOnConnectionFailure(true)
                // a redirect would carry the key (in a custom header too) to wherever it points
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    Reply post(String body) throws IOException {
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
                .header("Accept", "application/json");
        if (keyHeader != null) {
            request.header(keyHeader, keyValue);
        }
        String shown = Redaction.url(url);
        requestLog.accept("> POST " + shown);
        long started = System.nanoTime();
        String outcome = "failed";
        try (Response response = http.newCall(request.build()).execute()) {
            outcome = String.valueOf(response.code());
            return new Reply(response.code(), response.headers(), bounded(response));
        } catch (IOException e) {
            outcome = "failed (" + dev.handoff.error.IoWords.describe(e) + ")";
            throw e;
        } finally {
            requestLog.accept("< " + outcome + " POST " + shown + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        }
    }

    /** A chat completion is a few kilobytes; a server sending more than this is not answering the question. */
    static final long MAX_REPLY_BYTES = 8L << 20;

    /** The body, read up to {@link #MAX_REPLY_BYTES}: a 300 MB answer was read whole and ran the heap out. */
    private String bounded(Response response) throws IOException {
        okio.BufferedSource source = response.body().source();
        if (source.request(MAX_REPLY_BYTES + 1)) {
            throw dev.handoff.error.HandoffException.remote(Redaction.url(url)
                            + " answered HTTP " + response.code() + " with a body over " + (MAX_REPLY_BYTES >> 20)
                            + " MB: no chat completion is that large",
                    "check --base-url: it should be the server's OpenAI-compatible /v1 address", null);
        }
        okhttp3.MediaType type = response.body().contentType();
        java.nio.charset.Charset charset = type == null ? null : type.charset();
        return source.getBuffer().readString(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
