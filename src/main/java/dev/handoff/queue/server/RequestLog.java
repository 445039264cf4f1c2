package dev.handoff.queue.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.QueueJson;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * One JSON object per line: a line per request (method, path without query, status, duration,
 * peer) and a line per lifecycle event. Never headers, bodies or query strings, so no secret
 * and no personal data ends up in it.
 */
public final class RequestLog {

    private final PrintWriter out;
    private final Clock clock;

    public RequestLog(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
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
     * class name, cut at 300 characters.
     */
    public static String cause(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        String message = t.getMessage();
        String text = message == null || message.isBlank()
                ? (t instanceof java.util.concurrent.TimeoutException ? "no commit within the wait" : t.getClass().getSimpleName())
                : message.replaceAll("\\s+", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
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
