package dev.handoff.queue.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.Change;
import dev.handoff.queue.store.InboxStore;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/stream}: Server-Sent Events, one event per entry of the change log
 * ({@code id: <seq>}, {@code event: handoff}, {@code data: <handoff JSON>}). A client resumes with
 * {@code Last-Event-ID} (or {@code ?after=<seq>}) and gets every change after it, from the
 * database, so nothing committed while it was away is missed. Without either it starts at the
 * latest change. A comment line goes out after {@code heartbeat} of silence, so proxies keep the
 * connection and a dead client is noticed, and shortly after every write of events, so that a
 * client that left gives its slot back as soon as something happens.
 */
final class EventStream {

    private static final int BATCH = 500;
    /** How often an idle stream checks that the change it sent last is still in the database. */
    private static final long VERIFY_MILLIS = 2_000;
    /** Request header: the {@code database_id} of the list the client read; response header: this inbox's. */
    static final String DATABASE_HEADER = "X-Inbox-Database-Id";
    /**
     * A client that went away is only noticed by a write that fails, and the first write after it
     * left still succeeds (the socket buffers it; the client's reset comes back afterwards). So a
     * ping follows each write of events, and each heartbeat, after this delay: a stream whose client
     * left frees its slot this long after the next change or heartbeat, not a heartbeat later (with
     * the heartbeat alone, a quiet stream held the slot and its connection for two heartbeats, ~30 s).
     * The delay covers the round trip the reset needs.
     */
    private static final long PROBE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

    private final InboxStore store;
    private final HandoffJson json;
    private final long heartbeatMillis;
    private final BooleanSupplier stopping;

    EventStream(InboxStore store, HandoffJson json, long heartbeatMillis, BooleanSupplier stopping) {
        this.store = store;
        this.json = json;
        this.heartbeatMillis = heartbeatMillis;
        this.stopping = stopping;
    }

    /**
     * Where the stream starts, or null after answering 400 for an unusable position. The header
     * wins over the parameter: a browser's EventSource reconnects with the same URL plus the header.
     */
    Long startAfter(HttpExchange ex) throws IOException {
        if (Exchanges.refuseRepeatedParameter(ex)) {
            return null;
        }
        String header = Exchanges.requestHeaders(ex).getFirst("Last-Event-ID");
        String param = Exchanges.query(ex).get("after");
        String value = header != null && !header.isBlank() ? header : param;
        String field = header != null && !header.isBlank() ? "Last-Event-ID" : "after";
        String followed = Exchanges.requestHeaders(ex).getFirst(DATABASE_HEADER);
        if (followed != null && store.databaseId() != null && !followed.strip().equals(store.databaseId())) {
            ObjectNode body = Exchanges.errorBody("this inbox now has another database than the one the client "
                    + "followed; read the list again (GET /api/handoffs) and stream from its seq", DATABASE_HEADER);
            body.put("database_id", store.databaseId());
            Exchanges.json(ex, 409, body);
            return null;
        }
        if (value == null || value.isBlank()) {
            // the database's last change, not the feed's: after a restore the feed can be ahead of it
            return store.lastSeq();
        }
        // "<seq>:<check>": the check of the change the client saw last (see eventId)
        String position = value.strip();
        String check = null;
        int colon = position.indexOf(':');
        if (colon >= 0) {
            check = position.substring(colon + 1);
            position = position.substring(0, colon);
        }
        long seq;
        try {
            seq = Long.parseLong(position);
        } catch (NumberFormatException e) {
            seq = -1;
        }
        if (seq < 0) {
            Exchanges.error(ex, 400, field + " must be a change sequence number (0 or more)", field);
            return null;
        }
        // the database decides: the feed can lag another PostgreSQL process's commits, or be ahead of a
        // backup restored under the running inbox
        if (seq > store.lastSeq()) {
            long last = store.lastSeq();
            ObjectNode body = Exchanges.errorBody(field + " " + seq + " is beyond this inbox's last change (" + last
                    + "): its database was restored from a backup or replaced; read the list again "
                    + "(GET /api/handoffs) and stream from its seq", field);
            body.put("last_seq", last);
            Exchanges.json(ex, 409, body);
            return null;
        }
        if (check != null && seq > 0 && !check.equals(checkOf(seq))) {
            // the change at that position is not the one the client saw: a backup was restored
            // (and may have passed the position since), so resuming would skip or mislabel changes
            long last = store.lastSeq();
            ObjectNode body = Exchanges.errorBody("the change " + seq + " is not the one the client saw: this inbox's "
                    + "database was restored from a backup or replaced; read the list again (GET /api/handoffs) "
                    + "and stream from its seq", field);
            body.put("last_seq", last);
            Exchanges.json(ex, 409, body);
            return null;
        }
        return seq;
    }

    /** The check of the change at {@code seq}, or "" when there is none. */
    private String checkOf(long seq) {
        return checkOf(store, seq);
    }

    private static String checkOf(InboxStore store, long seq) {
        List<Change> at = store.changesAfter(seq - 1, 1);
        return at.isEmpty() || at.get(0).seq() != seq ? "" : check(at.get(0));
    }

    /**
     * A position to stream from, as the list gives it: {@code <seq>:<check>} like an event id, so
     * that a client that listed and never got an event still proves which change it last saw.
     */
    static String position(InboxStore store, long seq) {
        String check = seq > 0 ? checkOf(store, seq) : "";
        return check.isEmpty() ? Long.toString(seq) : seq + ":" + check;
    }

    /**
     * An event's id: its sequence number and a short hash of the change, so that a client resuming
     * with Last-Event-ID proves which change it saw last. Sequence numbers alone repeat after a
     * restored backup; the change behind them does not.
     */
    static String eventId(Change change) {
        return change.seq() + ":" + check(change);
    }

    private static String check(Change change) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((change.handoffId() + "\n" + change.snapshotJson()).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Streams until the client goes away or the server stops; runs on a stream thread. */
    void run(HttpExchange ex, long after) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        if (store.databaseId() != null) {
            ex.getResponseHeaders().set(DATABASE_HEADER, store.databaseId());
        }
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        // an early byte lets clients report "connected" before the first change
        write(out, ": connected\n\n");
        long cursor = after;
        // the check of the change at the cursor ("" when there is none to hold on to): a database
        // restored under the running inbox reuses sequence numbers, and the stream would skip them
        String cursorCheck = after > 0 ? checkOf(after) : "";
        long lastWrite = System.nanoTime();
        // when to check that the client is still there after a write of events (0: no check due)
        long probeAt = 0;
        while (!stopping.getAsBoolean()) {
            List<Change> changes;
            if (cursorCheck.isEmpty()) {
                changes = store.changesAfter(cursor, BATCH);
            } else {
                changes = store.changesAfter(cursor - 1, BATCH + 1);
                if (changes.isEmpty() || changes.get(0).seq() != cursor || !check(changes.get(0)).equals(cursorCheck)) {
                    // the change this stream sent last is gone or another one: end the stream, so the
                    // client resumes from its Last-Event-ID, is told (409) and reads the list again
                    write(out, ": the inbox's database was replaced under it; reconnect\n\n");
                    return;
                }
                changes = changes.subList(1, changes.size());
            }
            if (!changes.isEmpty()) {
                StringBuilder text = new StringBuilder();
                for (Change change : changes) {
                    text.append("id: ").append(eventId(change)).append('\n')
                            .append("event: handoff\n")
                            .append("data: ").append(render(change)).append("\n\n");
                    cursor = change.seq();
                    cursorCheck = check(change);
                }
                write(out, text.toString());
                lastWrite = System.nanoTime();
                probeAt = lastWrite + PROBE_NANOS;
                continue;
            }
            if (store.feed().latest() > cursor) {
                // woken for a change the database does not have: the feed is ahead of a restored backup
                long last = store.lastSeq();
                if (last <= cursor) {
                    store.feed().rewind(last);
                }
            }
            long now = System.nanoTime();
            if (probeAt != 0 && now - probeAt >= 0) {
                write(out, ": ping\n\n");
                lastWrite = now;
                probeAt = 0;
                continue;
            }
            long idle = (now - lastWrite) / 1_000_000;
            if (idle >= heartbeatMillis) {
                write(out, ": ping\n\n");
                lastWrite = System.nanoTime();
                probeAt = lastWrite + PROBE_NANOS;
                continue;
            }
            // at least every VERIFY_MILLIS the loop reads again, which checks the change at the cursor:
            // a backup restored with no write after it is found out within seconds, not a heartbeat
            long wait = Math.min(heartbeatMillis - idle, cursorCheck.isEmpty() ? Long.MAX_VALUE : VERIFY_MILLIS);
            if (probeAt != 0) {
                wait = Math.min(wait, Math.max(1, (probeAt - now) / 1_000_000));
            }
            try {
                store.feed().awaitAfter(cursor, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String render(Change change) {
        try {
            return QueueJson.mapper().writeValueAsString(json.renderSnapshot(change.snapshotJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
