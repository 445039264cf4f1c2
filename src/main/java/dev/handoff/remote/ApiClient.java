package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.secret.Redactor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends vendor API requests with the retry rules of {@link RetryPolicy}, maps failures to
 * user-facing errors (401/403 exit 4, everything else remote exit 3) and logs request lines with
 * the token redacted.
 */
public final class ApiClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The largest answer read: {@link #capped}. */
    static final long MAX_ANSWER = 8L * 1024 * 1024;

    private final OkHttpClient http;
    private final Redactor redactor;
    private final HttpSettings settings;
    private final RetryPolicy retry;
    private final Token token;
    private final String targetName;
    private final String userAgent;
    private final ApiErrors errors;

    public ApiClient(HttpSettings settings, Token token, String targetName, String userAgent) {
        this(settings, token, targetName, userAgent, Redactor.of(token.value()));
    }

    /** @param redactor masks every secret this command knows in the messages built from server answers */
    public ApiClient(HttpSettings settings, Token token, String targetName, String userAgent, Redactor redactor) {
        this.settings = settings;
        this.retry = new RetryPolicy(settings);
        this.token = token;
        this.targetName = targetName;
        this.userAgent = userAgent;
        this.redactor = redactor;
        redactor.add(token.value());
        this.errors = new ApiErrors(redactor, settings, token, targetName);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                // the read timeout bounds each wait between two reads only: a server dripping a byte every second kept a
                // run (a CI job) going for as long as it liked; connecting and the whole answer get the two timeouts together
                .callTimeout(whole(settings))
                // OkHttp would otherwise silently repeat requests, a PUT included; RetryPolicy decides
                .retryOnConnectionFailure(false)
                // no redirects, for reads as for writes: the token goes to the configured address only (and
                // a 302 would turn a PUT into a GET); a write's body is one-shot too, which stops OkHttp's
                // own follow-ups (503 with Retry-After: 0, 408)
                .followRedirects(false)
                .followSslRedirects(false)
                // every request that reaches the wire is logged here, follow-ups OkHttp makes by itself included
                .addNetworkInterceptor(this::logExchange)
                .build();
    }

    /** What one attempt may take in all, from connecting to the last byte of the answer; zero (no bound) when either timeout is. */
    static Duration whole(HttpSettings settings) {
        return settings.connectTimeout().isZero() || settings.readTimeout().isZero() ? Duration.ZERO
                : settings.connectTimeout().plus(settings.readTimeout());
    }

    /** Sends the call, retrying what may be retried; returns a 2xx answer or throws a HandoffException. */
    public ApiResponse send(ApiCall call) {
        return send(call, null);
    }

    /**
     * {@link #send(ApiCall)}, running {@code beforeResend} before a write without {@code If-Match} is sent
     * again: a retry comes seconds (a server's Retry-After: up to a minute) after the remote was last read,
     * and nothing else would stop it from overwriting a change made in that wait. It throws to stop.
     */
    public ApiResponse send(ApiCall call, java.util.function.Consumer<ApiCall> beforeResend) {
        boolean safe = call.safeToRepeat();
        // whether an earlier attempt of a write may have been applied: not after a refusal (429 with Retry-After) or a
        // connection never made, so that a 412 after a 429 is not read as the write's own first attempt having moved the ETag
        boolean mayHaveApplied = false;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1 && call.isWrite() && call.ifMatch() == null && beforeResend != null) {
                beforeResend.accept(call);
            }
            if (!safe) {
                // a stale pooled connection would fail after sending, where a PUT can no longer be retried
                http.connectionPool().evictAll();
            }
            long start = System.nanoTime();
            try (Response response = http.newCall(request(call, attempt)).execute()) {
                byte[] body = capped(call, response);
                int code = response.code();
                if (code >= 200 && code < 300) {
                    return new ApiResponse(call, code, response.header("Content-Type"), response.header("ETag"), body);
                }
                Optional<Duration> asked = retry.retryAfter(response.header("Retry-After"));
                // a 429 with Retry-After is a refusal: the server did not apply even a PUT, so it may be sent again
                boolean refusedForNow = code == 429 && asked.isPresent();
                if ((safe && RetryPolicy.RETRYABLE_STATUS.contains(code) || refusedForNow) && attempt < retry.maxAttempts()) {
                    if (asked.isPresent() && retry.beyondCap(asked.get())) {
                        throw HandoffException.remote(call + ": HTTP " + code + " " + ApiErrors.reason(response) + "; the server asks to wait "
                                        + asked.get().toSeconds() + " s before retrying, longer than handoff waits ("
                                        + retry.retryAfterCap().toSeconds() + " s)",
                                "try again later", null);
                    }
                    pause(call, asked.isPresent() ? asked.get() : retry.backoff(attempt), "HTTP " + code, attempt);
                    mayHaveApplied |= !refusedForNow;
                    continue;
                }
                throw errors.statusError(call, response, body, attempt, mayHaveApplied);
            } catch (IOException e) {
                boolean notSent = e instanceof ConnectException || e instanceof NoRouteToHostException;
                log("< " + call.method() + " " + call.url() + " failed after " + millis(start) + " ms: " + describe(e));
                if (!(e instanceof UnknownHostException) && (safe || notSent) && attempt < retry.maxAttempts()) {
                    pause(call, retry.backoff(attempt), describe(e), attempt);
                    mayHaveApplied |= !notSent;
                    continue;
                }
                throw errors.ioError(call, e, notSent, safe, attempt);
            }
        }
    }

    /**
     * The answer's body, refused past {@link #MAX_ANSWER} bytes: a configuration is kilobytes, and an answer of hundreds of
     * megabytes (a wrong URL, a broken server) was read whole, then blamed on a line of the local file it could not be written as.
     */
    private static byte[] capped(ApiCall call, Response response) throws IOException {
        okhttp3.ResponseBody body = response.body();
        okio.BufferedSource source = body.source();
        if (body.contentLength() > MAX_ANSWER || source.request(MAX_ANSWER + 1)) {
            String shown = body.contentLength() > MAX_ANSWER ? String.format(java.util.Locale.ROOT, " (%,d bytes)", body.contentLength()) : "";
            String applied = call.isWrite() ? "; the " + call.method() + " was sent and may have been applied, so run 'handoff diff'"
                    + " before pushing again" : "; nothing was written";
            throw HandoffException.remote(call + ": HTTP " + response.code() + " with an answer larger than "
                            + MAX_ANSWER / (1024 * 1024) + " MB" + shown + ", far more than any configuration" + applied,
                    "check the target's url in handoff.yaml (or --api-url): it should point at the vendor's API", null);
        }
        return source.readByteArray();
    }

    /** The attempt a request belongs to, for the log line of the network interceptor. */
    private record Attempt(int number, int of) {
    }

    private Response logExchange(okhttp3.Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        Attempt attempt = request.tag(Attempt.class);
        ApiCall call = request.tag(ApiCall.class);
        log("> " + request.method() + " " + request.url()
                + (attempt != null && attempt.number() > 1 ? " (attempt " + attempt.number() + " of " + attempt.of() + ")" : "")
                + (call != null && call.idempotencyKey() != null ? " [Idempotency-Key " + shortKey(call.idempotencyKey()) + "]" : "")
                + (call != null && call.ifMatch() != null ? " [If-Match " + call.ifMatch() + "]" : ""));
        long start = System.nanoTime();
        Response response = chain.proceed(request);
        log("< " + response.code() + " " + ApiErrors.reason(response) + " " + request.method() + " " + request.url() + " (" + millis(start) + " ms)");
        return response;
    }

    /** A GET that must answer with a JSON value. */
    public JsonNode getJson(ApiCall call, String expected) {
        return send(call).json(expected);
    }

    public static String toJson(JsonNode node) {
        try {
            return Yaml.json().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Request request(ApiCall call, int attempt) {
        Request.Builder b = new Request.Builder()
                .url(call.url())
                .tag(ApiCall.class, call)
                .tag(Attempt.class, new Attempt(attempt, retry.maxAttempts()))
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (call.idempotencyKey() != null) {
            b.header("Idempotency-Key", call.idempotencyKey());
        }
        if (call.ifMatch() != null) {
            b.header("If-Match", call.ifMatch());
        }
        RequestBody body = null;
        if (call.isWrite()) {
            body = new OneShotBody(call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8));
        }
        return b.method(call.method(), body).build();
    }

    /** A body OkHttp may send once only, so no follow-up of its own re-sends a write. */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(okio.BufferedSink sink) throws IOException {
            sink.write(bytes);
        }
    }

    private void pause(ApiCall call, Duration wait, String why, int attempt) {
        String line = call + ": " + why + "; retrying in " + ApiErrors.seconds(wait) + " (attempt " + (attempt + 1) + " of "
                + retry.maxAttempts() + ")";
        log("  " + line);
        if (settings.notices() != null) {
            settings.notices().accept(redactor.redact(line));
        }
        try {
            settings.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HandoffException.remote(call + ": interrupted while waiting to retry", null, e);
        }
    }

    /** Masks the token in text; kept for callers that have no {@link Redactor}. */
    static String redact(String text, String secret) {
        return Redactor.of(secret).redact(text);
    }

    private void log(String line) {
        if (settings.requestLog() != null) {
            settings.requestLog().accept(redactor.redact(line));
        }
    }

    private String attemptNote(int attempt) {
        return attempt > 1 ? " (attempt " + attempt + " of " + retry.maxAttempts() + ")" : "";
    }

    /** What went wrong in words, without Java class names ("connection refused", not "ConnectException: ..."). */
    private static String describe(IOException e) {
        return dev.handoff.error.IoWords.describe(e);
    }

    private static String shortKey(String key) {
        return key.length() > 12 ? key.substring(0, 12) + "…" : key;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
