package dev.handoff.queue.server;

import com.sun.net.httpserver.HttpExchange;
import org.eclipse.jetty.io.Connection;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/stream} within its own cap: at most {@code max} streams at once, each on its
 * request thread, whoever holds them. A stream's connection leaves its address's connection count
 * while it streams ({@link ConnectionGuard#streamStarted}), so that the streams of operators behind
 * one address never shut webhooks and health checks from that address out; the slots bound them instead.
 */
final class StreamSlots {

    private final int max;
    private final Semaphore slots;
    private final EventStream events;
    private final ConnectionGuard guard;

    StreamSlots(int max, EventStream events, ConnectionGuard guard) {
        this.max = max;
        this.slots = new Semaphore(max);
        this.events = events;
        this.guard = guard;
    }

    /**
     * Streams on this request thread while a slot is free; a slot is given back as soon as the
     * stream ends, which is the first failed write after the client went away.
     */
    void serve(HttpExchange ex) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            Exchanges.methodNotAllowed(ex, "GET");
            return;
        }
        Long after = events.startAfter(ex);
        if (after == null) {
            return;
        }
        if (!slots.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "5");
            Exchanges.error(ex, 503, "too many open streams (" + max + "); retry later", null);
            return;
        }
        Connection connection = ex.getAttribute(BodyFirstHandler.CONNECTION) instanceof Connection c ? c : null;
        if (connection != null) {
            guard.streamStarted(connection);
        }
        try {
            events.run(ex, after);
        } finally {
            if (connection != null) {
                guard.streamEnded(connection);
            }
            slots.release();
        }
    }

    /** Streams open right now. */
    int open() {
        return max - slots.availablePermits();
    }
}
