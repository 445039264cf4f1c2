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
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
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
    private static final int EXCERPT = 200;

    private final OkHttpClient http;
    private final Redactor redactor;
    private final HttpSettings settings;
    private final RetryPolicy retry;
    private final Token token;
    private final String targetName;
    private final String userAgent;

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
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
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

    /** Sends the call, retrying what may be retried; returns a 2xx answer or throws a HandoffException. */
    public ApiResponse send(ApiCall call) {
        boolean safe = call.safeToRepeat();
        for (int attempt = 1; ; attempt++) {
            if (!safe) {
                // a stale pooled connection would fail after sending, where a PUT can no longer be retried
                http.connectionPool().evictAll();
            }
            long start = System.nanoTime();
            try (Response response = http.newCall(request(call, attempt)).execute()) {
                byte[] body = response.body().bytes();
                int code = response.code();
                if (code >= 200 && code < 300) {
                    return new ApiResponse(call, code, response.header("Content-Type"), response.header("ETag"), body);
                }
                Optional<Duration> asked = retry.retryAfter(response.header("Retry-After"));
                // a 429 with Retry-After is a refusal: the server did not apply even a PUT, so it may be sent again
                boolean refusedForNow = code == 429 && asked.isPresent();
                if ((safe && RetryPolicy.RETRYABLE_STATUS.contains(code) || refusedForNow) && attempt < retry.maxAttempts()) {
                    if (asked.isPresent() && retry.beyondCap(asked.get())) {
                        throw HandoffException.remote(call + ": HTTP " + code + " " + reason(response) + "; the server asks to wait "
                                        + asked.get().toSeconds() + " s before retrying, longer than handoff waits ("
                                        + retry.retryAfterCap().toSeconds() + " s)",
                                "try again later", null);
                    }
                    pause(call, asked.isPresent() ? asked.get() : retry.backoff(attempt), "HTTP " + code, attempt);
                    continue;
                }
                throw statusError(call, response, body, attempt);
            } catch (IOException e) {
                boolean notSent = e instanceof ConnectException || e instanceof NoRouteToHostException;
                log("< " + call.method() + " " + call.url() + " failed after " + millis(start) + " ms: " + describe(e));
                if (!(e instanceof UnknownHostException) && (safe || notSent) && attempt < retry.maxAttempts()) {
                    pause(call, retry.backoff(attempt), describe(e), attempt);
                    continue;
                }
                throw ioError(call, e, notSent, safe, attempt);
            }
        }
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
        log("< " + response.code() + " " + reason(response) + " " + request.method() + " " + request.url() + " (" + millis(start) + " ms)");
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
        String line = call + ": " + why + "; retrying in " + seconds(wait) + " (attempt " + (attempt + 1) + " of "
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

    private HandoffException statusError(ApiCall call, Response response, byte[] body, int attempts) {
        int code = response.code();
        String status = call + ": HTTP " + code + " " + reason(response);
        String detail = serverMessage(response, body);
        String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (code == 401 || code == 403) {
            String what = code == 401 ? "the token was refused" : "the token is not allowed to do this";
            // refused before anything was applied: a write's backup goes, like any other 4xx
            return notApplied(call, HandoffException.auth(status + ": " + what + " for target '" + targetName + "'" + detail,
                    "check the token in " + token.source() + (code == 403 ? " (and its permissions for this agent or workspace)" : "")));
        }
        if (code == 404) {
            HandoffException notFound = HandoffException.remote(status + detail, call.notFoundHint(), null);
            return call.isWrite() ? new WriteRefused(notFound) : new NotFound(notFound);
        }
        if (code == 412) {
            return new WriteRefused(new HandoffException(HandoffException.Kind.CONFLICT,
                    status + ": the remote changed since it was read (its ETag no longer matches); nothing was written",
                    "run 'handoff diff' to see the remote as it is now", null));
        }
        if (code == 304) {
            // an answer to If-None-Match or If-Modified-Since, which handoff never sends
            return notApplied(call, HandoffException.remote(status + ": the server answered 'not modified' to a request that"
                            + " compared nothing, and sent no document",
                    "the server (or a proxy or cache in between) answered wrongly; try again, and check the target's url in"
                            + " handoff.yaml (or --api-url)", null));
        }
        if (code >= 300 && code < 400) {
            return notApplied(call, HandoffException.remote(status + ": the server redirects" + whereTo(call, response.header("Location"))
                            + "; handoff follows no redirect, so that the token is only ever sent to the configured address",
                    "set the target's url in handoff.yaml (or --api-url) to the address the API answers on", null));
        }
        if (code >= 500 || code == 429) {
            String hint = call.method().equals("POST") && call.idempotencyKey() != null
                    // a create: the agent may exist now; this machine kept the key, so a push of the same file is answered with it
                    ? "the server may or may not have made the agent; push the same file again from this machine (it sends the same"
                            + " Idempotency-Key, so a server that made it answers with it); changing the file or its secrets first makes a"
                            + " second agent"
                    : call.safeToRepeat() ? "the server is failing or overloaded; try again later"
                    : "the server may or may not have applied the " + call.method() + "; run 'handoff diff' to see the remote state before pushing again";
            return HandoffException.remote(status + after + detail, hint, null);
        }
        return notApplied(call, HandoffException.remote(status + detail,
                "the server refused the request; fix what it names (run 'handoff validate' on the file) and try again", null));
    }

    /**
     * " to https://host/path" for a redirect's Location (relative to the request's URL), without
     * what may be a credential: the user and password, the query and the fragment.
     */
    private String whereTo(ApiCall call, String location) {
        if (location == null || location.isBlank()) {
            return " (without a Location)";
        }
        okhttp3.HttpUrl target = call.url().resolve(location.strip());
        if (target == null) {
            return " to a Location that is not a URL";
        }
        String shown = target.scheme() + "://" + target.host()
                + (target.port() == okhttp3.HttpUrl.defaultPort(target.scheme()) ? "" : ":" + target.port()) + target.encodedPath();
        return " to " + redactor.redact(shown);
    }

    private HandoffException ioError(ApiCall call, IOException e, boolean notSent, boolean safe, int attempts) {
        String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (e instanceof UnknownHostException) {
            return notApplied(call, HandoffException.remote(call + ": unknown host " + call.url().host(),
                    "check the target's url in handoff.yaml (or --api-url) and your network", e));
        }
        if (notSent) {
            return notApplied(call, HandoffException.remote(call + ": cannot connect (" + describe(e) + ")" + after,
                    "check the target's url in handoff.yaml (or --api-url) and your network", e));
        }
        String hint = safe ? (e instanceof SocketTimeoutException || e instanceof InterruptedIOException
                ? "the server is slow or unreachable; try again or raise --read-timeout"
                : "the connection broke; try again")
                : "the connection broke after the " + call.method() + " was sent, so it may have been applied; run 'handoff diff' before pushing again";
        String what = e instanceof SocketTimeoutException || e instanceof InterruptedIOException
                ? "no answer within " + seconds(settings.readTimeout()) + " (timeout)"
                : "connection dropped (" + describe(e) + ")";
        return HandoffException.remote(call + ": " + what + after, hint, e);
    }

    /** A short reason from an error body: the message field of a JSON error, else the start of the text. */
    private String serverMessage(Response response, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return "";
        }
        String type = String.valueOf(response.header("Content-Type"));
        if (type.contains("html") || text.startsWith("<")) {
            return " (an HTML page)";
        }
        String message = text;
        try {
            JsonNode json = Yaml.json().readTree(text);
            for (String field : new String[]{"message", "detail", "error", "errors"}) {
                if (json.has(field)) {
                    JsonNode v = json.get(field);
                    message = v.isTextual() ? v.asText() : toJson(v);
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: the start of the text is the best reason there is
        }
        message = redactor.redact(message.replaceAll("\\s+", " "));
        return ": " + (message.length() > EXCERPT ? message.substring(0, EXCERPT) + "…" : message);
    }

    /** A write the server certainly did not apply (it answered no, or was never reached). */
    private static HandoffException notApplied(ApiCall call, HandoffException e) {
        return call.isWrite() ? new WriteRefused(e) : e;
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

    private static String reason(Response response) {
        String m = response.message();
        return m == null || m.isBlank() ? reasonPhrase(response.code()) : m;
    }

    private static String reasonPhrase(int code) {
        return switch (code) {
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
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

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
