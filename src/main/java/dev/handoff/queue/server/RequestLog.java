package dev.handoff.queue.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.QueueJson;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * One JSON object per line: a line per request (method, path without query, status, duration,
 * peer) and a line per lifecycle event. Never headers, bodies or query strings, so no secret
 * and no personal data ends up in it.
 */
public final class RequestLog {

    /** Longest reason a log line gives for a failure. */
    private static final int MAX_REASON = 300;

    private final PrintWriter out;
    private final Clock clock;
    /** Masks the run's secrets; applied to a reason before it is cut (see {@link #reason}). */
    private final UnaryOperator<String> mask;

    public RequestLog(PrintWriter out, Clock clock) {
        this(out, clock, UnaryOperator.identity());
    }

    /** @param mask masks every secret the process knows, as the output stream does after it */
    public RequestLog(PrintWriter out, Clock clock, UnaryOperator<String> mask) {
        this.out = out;
        this.clock = clock;
        this.mask = mask;
    }

    public void request(String method, String path, int status, long durationNanos, String peer) {
        ObjectNode line = line();
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("duration_ms", Math.round(durationNanos / 10_000.0) / 100.0);
        line.put("peer", peer);
        write(line);
    }

    public void event(String event, ObjectNode details) {
        ObjectNode line = line();
        line.put("event", event);
        if (details != null) {
            line.setAll(details);
        }
        write(line);
    }

    /**
     * One line of why something failed, for the log: the message (a timeout has none) or the
     * class name, masked, then cut at 300 characters. The output stream masks too, but only what
     * is left after the cut: a secret the cut went through would show its first characters.
     */
    String reason(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        String message = t.getMessage();
        String text = message == null || message.isBlank()
                ? (t instanceof java.util.concurrent.TimeoutException ? "no commit within the wait" : t.getClass().getSimpleName())
                : mask.apply(message).replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
    }

    private ObjectNode line() {
        ObjectNode line = QueueJson.mapper().createObjectNode();
        line.put("time", clock.instant().toString());
        return line;
    }

    private void write(ObjectNode line) {
        String text;
        try {
            text = QueueJson.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
