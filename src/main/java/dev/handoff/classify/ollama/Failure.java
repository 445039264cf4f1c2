package dev.handoff.classify.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import dev.langchain4j.exception.HttpException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Why a call to Ollama produced no reply, and whether asking again may help. */
record Failure(Kind kind, int status, String detail) {

    enum Kind {
        /** Nothing listens at the URL. Worth a few tries (a server starting up), then fatal for the run. */
        REFUSED(true),
        /** No answer in time. */
        TIMEOUT(true),
        /** HTTP 5xx or 429: the server is busy or broke on this request. */
        SERVER(true),
        /** The connection dropped or the body was cut off. */
        DROPPED(true),
        /** HTTP 404: the model is not on this server. Fatal. */
        MODEL_NOT_FOUND(false),
        /** HTTP 401/403, e.g. a proxy in front of Ollama. Fatal. */
        AUTH(false),
        /** Any other 4xx or an unexpected error: asking again would get the same. Fatal. */
        REJECTED(false),
        /** HTTP 3xx: not followed, so that nothing is sent to another address. Fatal. */
        REDIRECTED(false),
        /** A reply that is not Ollama's JSON (a proxy's page, another server at the URL). Fatal. */
        NOT_OLLAMA(false);

        final boolean transientError;

        Kind(boolean transientError) {
            this.transientError = transientError;
        }
    }

    boolean isTransient() {
        return kind.transientError;
    }

    static Failure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http) {
                return ofStatus(http.statusCode(), http.getMessage());
            }
            if (t instanceof dev.langchain4j.exception.TimeoutException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return new Failure(Kind.TIMEOUT, 0, "timed out");
            }
            if (t instanceof ConnectException) {
                return new Failure(Kind.REFUSED, 0, "connection refused");
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OkHttpOllamaClient.NotOneReply) {
                return new Failure(Kind.NOT_OLLAMA, 0, t.getMessage());
            }
            if (t instanceof OkHttpOllamaClient.BodyTooLarge) {
                return new Failure(Kind.NOT_OLLAMA, 0, "it answered " + t.getMessage() + ": no Ollama reply is that large");
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return new Failure(Kind.NOT_OLLAMA, 0, "its reply is not the JSON Ollama sends");
            }
            if (t instanceof NullPointerException || (t instanceof IllegalArgumentException && !(t instanceof NumberFormatException))) {
                // the client library read a reply without the fields Ollama always sends ("message", "models")
                return new Failure(Kind.NOT_OLLAMA, 0, "its reply lacks what Ollama sends");
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                return new Failure(Kind.DROPPED, 0, "connection dropped (" + io.getClass().getSimpleName()
                        + (io.getMessage() == null ? "" : ": " + io.getMessage()) + ")");
            }
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new Failure(Kind.REJECTED, 0, message);
    }

    static Failure ofStatus(int status, String body) {
        String detail = "HTTP " + status + serverError(body);
        if (status == 404) {
            return new Failure(Kind.MODEL_NOT_FOUND, status, detail);
        }
        if (status >= 300 && status < 400) {
            return new Failure(Kind.REDIRECTED, status, detail);
        }
        if (status == 401 || status == 403) {
            return new Failure(Kind.AUTH, status, detail);
        }
        if (status == 408) {
            return new Failure(Kind.TIMEOUT, status, detail);
        }
        if (status == 429 || status >= 500) {
            return new Failure(Kind.SERVER, status, detail);
        }
        return new Failure(Kind.REJECTED, status, detail);
    }

    /** Ollama's error bodies are {@code {"error":"..."}}; anything else is shown cut short. */
    private static String serverError(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = Yaml.json().readTree(body);
            if (node != null && node.path("error").isTextual()) {
                return ": " + node.get("error").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: show the start of it
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return ": " + (s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }
}
