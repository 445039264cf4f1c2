package dev.handoff.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.error.IoWords;
import dev.handoff.secret.Redactor;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a failed vendor API call means for the user: the exception (and so the exit code) a status
 * or an I/O failure maps to, its words, and whether a write certainly was not applied
 * ({@link WriteRefused}). Every text taken from a server's answer is masked first.
 */
final class ApiErrors {

    private static final int EXCERPT = 200;

    private final Redactor redactor;
    private final HttpSettings settings;
    private final Token token;
    private final String targetName;

    ApiErrors(Redactor redactor, HttpSettings settings, Token token, String targetName) {
        this.redactor = redactor;
        this.settings = settings;
        this.token = token;
        this.targetName = targetName;
    }

    /** @param earlierMayHaveApplied an earlier attempt of this write failed after it was sent, not by a refusal */
    HandoffException statusError(ApiCall call, Response response, byte[] body, int attempts, boolean earlierMayHaveApplied) {
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
        if ((code == 412 || code == 409) && !call.isWrite()) {
            return HandoffException.remote(status + detail + ": the server refused a read that asked for nothing but the document",
                    "the server (or a proxy in between) answered wrongly; try again, and check the target's url in handoff.yaml"
                            + " (or --api-url)", null);
        }
        // after a retry, the attempt before may have been applied and moved the ETag: "nothing was written" is not known
        boolean unsure = attempts > 1 && earlierMayHaveApplied;
        String written = unsure ? "this attempt wrote nothing, an earlier one whose answer was lost may have" : "nothing was written";
        ApiCall retried = unsure ? call : null;
        if (code == 412) {
            return new WriteRefused(new HandoffException(HandoffException.Kind.CONFLICT,
                    status + after + ": the remote changed since it was read (its ETag no longer matches); " + written,
                    "run 'handoff diff' to see the remote as it is now", null), false, retried);
        }
        if (code == 409) {
            // a refusal, so nothing was applied; what conflicts is the remote's state (or a write of the same key in progress)
            return new WriteRefused(new HandoffException(HandoffException.Kind.CONFLICT,
                    status + after + detail + ": the server reports a conflict with the remote's state; " + written,
                    "run 'handoff diff' to see the remote as it is now, then push again", null), true, retried);
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
        if (code == 429 && call.isWrite() && !earlierMayHaveApplied) {
            // an unkeyed write is sent again only after a refusal (429 with Retry-After) or a connection never made, so
            // every attempt was refused: the server applied nothing
            return notApplied(call, HandoffException.remote(status + after + detail + ": the server refused the " + call.method()
                    + " (too many requests); nothing was written", "try again later", null));
        }
        if (code >= 500 || code == 429) {
            String hint = call.method().equals("POST") && call.idempotencyKey() != null
                    // a create: the agent may exist now; this machine kept the key, so a push of the same file is answered with it
                    ? "the server may or may not have made the agent; push the same file again from this machine (it sends the same"
                            + " Idempotency-Key, so a server that made it answers with it); changing the file or its secrets first makes a"
                            + " second agent"
                    // a keyed PATCH is safe to send again, yet a server failing after its work may have applied it
                    : !call.isWrite() ? "the server is failing or overloaded; try again later"
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

    HandoffException ioError(ApiCall call, IOException e, boolean notSent, boolean safe, int attempts) {
        String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (e instanceof UnknownHostException) {
            return notApplied(call, HandoffException.remote(call + ": unknown host " + call.url().host(),
                    "check the target's url in handoff.yaml (or --api-url) and your network", e));
        }
        if (notSent) {
            return notApplied(call, HandoffException.remote(call + ": cannot connect (" + IoWords.describe(e) + ")" + after,
                    "check the target's url in handoff.yaml (or --api-url) and your network", e));
        }
        boolean timeout = e instanceof SocketTimeoutException || e instanceof InterruptedIOException;
        String hint = call.isWrite() ? (timeout ? "the " + call.method() + " was sent and may have been applied; run 'handoff diff' before"
                + " pushing again, and raise --read-timeout if the server is slow"
                : "the connection broke after the " + call.method() + " was sent, so it may have been applied; run 'handoff diff' before pushing again")
                : safe ? (timeout ? "the server is slow or unreachable; try again or raise --read-timeout" : "the connection broke; try again")
                : "the connection broke after the " + call.method() + " was sent, so it may have been applied; run 'handoff diff' before pushing again";
        String what = e instanceof SocketTimeoutException ? "no answer within " + seconds(settings.readTimeout()) + " (timeout)"
                : e instanceof InterruptedIOException ? "no complete answer within " + seconds(ApiClient.whole(settings))
                        + " (the connect and read timeouts together bound each attempt)"
                : "connection dropped (" + IoWords.describe(e) + ")";
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
                    message = v.isTextual() ? v.asText() : ApiClient.toJson(v);
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

    static String reason(Response response) {
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

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
