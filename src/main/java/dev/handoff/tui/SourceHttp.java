package dev.handoff.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.QueueJson;
import dev.handoff.secret.UrlRedaction;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The HTTP calls of the queue sources and how their failures read: unreachable or 5xx is REMOTE
 * (exit 3) naming the URL, 401/403 is AUTH (exit 4) naming the token variable, 409 is CONFLICT
 * with the server's reason. Tokens are set by the caller's request and never appear in messages.
 */
final class SourceHttp {

    static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client;
    private final String tokenVar;

    SourceHttp(OkHttpClient client, String tokenVar) {
        this.client = client;
        this.tokenVar = tokenVar;
    }

    static OkHttpClient newClient() {
        return newClient(null);
    }

    /**
     * @param requestLog with --verbose: one line per request and one per answer (method, URL,
     *                   status, time). Headers are never logged: the token travels in one; a
     *                   password or credential query value in the URL is masked ({@link #shown}).
     */
    static OkHttpClient newClient(Consumer<String> requestLog) {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(30));
        if (requestLog != null) {
            b.addInterceptor(chain -> {
                Request r = chain.request();
                requestLog.accept("> " + r.method() + " " + shown(r.url()));
                long started = System.nanoTime();
                try {
                    Response response = chain.proceed(r);
                    requestLog.accept("< " + response.code() + " " + r.method() + " " + shown(r.url()) + " ("
                            + (System.nanoTime() - started) / 1_000_000 + " ms)");
                    return response;
                } catch (IOException e) {
                    requestLog.accept("< failed " + r.method() + " " + shown(r.url()) + ": " + describe(e));
                    throw e;
                }
            });
        }
        return b.build();
    }

    OkHttpClient client() {
        return client;
    }

    /**
     * A URL as messages, the header and request logs show it: a password in it (the basic auth of a
     * reverse proxy, {@code http://user:pass@host}) and credential query values ({@code ?token=})
     * masked ({@link UrlRedaction}).
     */
    static String shown(HttpUrl url) {
        return url == null ? "" : UrlRedaction.shown(url.toString());
    }

    static RequestBody json(Object body) {
        try {
            return RequestBody.create(QueueJson.mapper().writeValueAsBytes(body), JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the request and returns its JSON body ({@code null} JSON for an empty body). */
    JsonNode call(Request request) {
        String url = shown(request.url());
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw failure(url, response.code(), text);
            }
            if (text.isBlank()) {
                return QueueJson.mapper().nullNode();
            }
            return parse(url, text);
        } catch (IOException e) {
            throw unreachable(url, e);
        }
    }

    HandoffException unreachable(String url, Throwable e) {
        return HandoffException.remote("cannot reach " + url + ": " + describe(e),
                "check that the server is running and the URL is right", e);
    }

    HandoffException failure(String url, int code, String body) {
        if (code == 401 || code == 403) {
            return new TokenRefused(url, code, tokenVar);
        }
        if (code == 409) {
            return HandoffException.conflict(conflictReason(body), "refresh and try again, or pick another handoff");
        }
        String hint = code >= 500 ? "the server failed; try again later" : "check the URL and the request";
        if (code == 404) {
            return new NotFound(url + " answered HTTP " + code + errorSuffix(body), hint);
        }
        return HandoffException.remote(url + " answered HTTP " + code + errorSuffix(body), hint, null);
    }

    /** A 404: the thing asked for is not there (a conversation deleted), which a caller may take as an answer. */
    static final class NotFound extends HandoffException {
        NotFound(String message, String hint) {
            super(Kind.REMOTE, message, hint);
        }
    }

    static JsonNode parse(String url, String text) {
        ObjectMapper mapper = QueueJson.mapper();
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw HandoffException.remote(url + " answered with something that is not JSON",
                    "check that the URL points at the right service", e);
        }
    }

    /**
     * "already claimed by bob" from {"error":"already claimed","claimed_by":"bob"}, and "already
     * claimed by another operator" when the holder is not named. Earlier inboxes said "claimed
     * by another operator" for release and resolve: read the same, so nothing says "by" twice.
     * "already resolved by carol" when the inbox says who resolved it.
     */
    static String conflictReason(String body) {
        try {
            JsonNode node = QueueJson.mapper().readTree(body);
            String error = Text.clean(node.path("error").asText("conflict")).strip();
            String by = Text.clean(node.path("claimed_by").asText("")).strip();
            if (error.equals("already claimed") || error.equals("claimed by another operator")) {
                return "already claimed by " + (by.isEmpty() ? "another operator" : by);
            }
            String resolver = Text.clean(node.path("resolved_by").asText("")).strip();
            if (error.startsWith("already resolved") && !resolver.isEmpty()) {
                return "already resolved by " + resolver;
            }
            return by.isEmpty() || error.endsWith(" by " + by) ? error : error + " (claimed by " + by + ")";
        } catch (IOException | RuntimeException e) {
            return "conflict (HTTP 409)";
        }
    }

    private static String errorSuffix(String body) {
        try {
            JsonNode node = QueueJson.mapper().readTree(body);
            String error = node.path("error").asText("");
            return error.isEmpty() ? "" : ": " + Text.clean(error);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * A few words for the header ("Connection refused", "HTTP 502", "sent a handoff that cannot be
     * read: field ..."); the URL is already on screen. Never a parser's own message: Jackson's ran
     * over several lines of its internals.
     */
    static String shortReason(HandoffException e) {
        String msg = e.getMessage();
        int answered = msg.indexOf(" answered ");
        if (answered >= 0) {
            String what = msg.substring(answered + " answered ".length());
            return what.startsWith("HTTP ") ? what : "answered " + what;
        }
        if (msg.startsWith("cannot reach ") && e.getCause() != null) {
            return describe(e.getCause());
        }
        // "<url> sent a handoff that cannot be read: ..."
        int space = msg.indexOf(' ');
        return msg.startsWith("http") && space > 0 ? "the server " + msg.substring(space + 1) : msg;
    }

    static String describe(Throwable e) {
        if (closedWithoutAnswer(e)) {
            return CLOSED_WITHOUT_ANSWER;
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : withoutStraySlash(msg);
    }

    /**
     * okhttp names the address with Java's InetAddress.toString, "host/ip" or "/ip" when it has no
     * name: "Failed to connect to /127.0.0.1:8787". The slash before a bare address is noise.
     */
    static String withoutStraySlash(String message) {
        return message.replaceAll("(?<=\\s)/(?=[0-9\\[])", "");
    }

    /** No guess why: one such close is a restart or a proxy as often as the inbox's cap ({@link StreamTrouble}). */
    static final String CLOSED_WITHOUT_ANSWER = "the server closed the connection without answering";

    /**
     * okhttp's "unexpected end of stream on http://..." (an EOFException inside): the server took the
     * connection and closed it before any answer (the inbox does that to an address that holds too
     * many connections), or an open stream's server went away. The operator read okhttp's words in the header.
     */
    static boolean closedWithoutAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String msg = t.getMessage();
            if (t instanceof java.io.EOFException || msg != null && msg.startsWith("unexpected end of stream")) {
                return true;
            }
        }
        return false;
    }

    /** 401 or 403: AUTH (exit 4), with the status and the token's variable for the status line. */
    static final class TokenRefused extends HandoffException {
        private final int code;
        private final String tokenVar;

        TokenRefused(String url, int code, String tokenVar) {
            super(Kind.AUTH, url + " refused the token (HTTP " + code + ")",
                    "check the token in the environment variable " + tokenVar);
            this.code = code;
            this.tokenVar = tokenVar;
        }

        /** "the inbox refused the token (401); check HANDOFF_INBOX_TOKEN" */
        String words(String who) {
            return who + " refused the token (" + code + "); check " + tokenVar;
        }
    }

    /** What the status line says when {@code who} refused the token, also for an AUTH failure without a status. */
    static String refusedWords(String who, HandoffException e) {
        return e instanceof TokenRefused r ? r.words(who) : who + " refused the token";
    }

    /** Stops the client's threads so that the JVM (and tests) end cleanly. */
    void shutdown() {
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
