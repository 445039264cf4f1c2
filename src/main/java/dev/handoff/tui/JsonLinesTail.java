package dev.handoff.tui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.QueueJson;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The queue for pipes and CI: one JSON object per line on stdout, so that {@code handoff tail | jq}
 * works. First one {@code "snapshot"} line per queued handoff, then one {@code "change"} line per
 * change: {@code {"type":"change","seq":42,"handoff":{...}}}. Connection states go to stderr.
 */
public final class JsonLinesTail {

    /** Strings escaped for a terminal as well as for JSON ({@link JsonLineEscapes}). */
    private static final com.fasterxml.jackson.databind.ObjectWriter LINES =
            QueueJson.mapper().writer().with(JsonLineEscapes.INSTANCE);

    private final QueueSource source;
    private final PrintWriter out;
    private final PrintWriter err;

    public JsonLinesTail(QueueSource source, PrintWriter out, PrintWriter err) {
        this.source = source;
        this.out = out;
        this.err = err;
    }

    /** Prints the current queue as snapshot lines and returns. */
    public void once() {
        QueueSource.Snapshot snapshot = source.snapshot();
        for (QueueEntry e : snapshot.items()) {
            print("snapshot", snapshot.seq(), e);
        }
        out.flush();
    }

    /**
     * Follows the queue until {@code maxChanges} change lines were written (0 = forever), stdout is
     * closed, or the source gives up (its error is thrown).
     */
    public void follow(long maxChanges) throws InterruptedException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        source.start(new QueueSource.Listener() {
            @Override
            public void onSnapshot(QueueSource.Snapshot snapshot) {
                events.add(snapshot);
            }

            @Override
            public void onChange(QueueEntry entry, long seq) {
                events.add(new Change(entry, seq));
            }

            @Override
            public void onState(ConnectionState state) {
                events.add(state);
            }

            @Override
            public void onFatal(HandoffException error) {
                events.add(error);
            }

            @Override
            public void onNotice(String text) {
                events.add(new Notice(text));
            }
        });
        long changes = 0;
        int snapshots = 0;
        Class<?> lastState = ConnectionState.Connecting.class;
        String lastReason = null;
        while (maxChanges <= 0 || changes < maxChanges) {
            Object event = events.take();
            if (event instanceof QueueSource.Snapshot s) {
                if (snapshots++ > 0) {
                    // the queue was read again (a restored or replaced database): what came before is void,
                    // also when the new queue is empty and no snapshot line follows
                    reset(s.seq(), s.items().size());
                }
                for (QueueEntry e : s.items()) {
                    print("snapshot", s.seq(), e);
                }
            } else if (event instanceof Change change) {
                print("change", change.seq(), change.entry());
                changes++;
            } else if (event instanceof ConnectionState state) {
                // one line per kind of state, not one per retry; a new reason is news (a restored database)
                String reason = state instanceof ConnectionState.Reconnecting r ? r.reason() : null;
                if (state.getClass() != lastState || !java.util.Objects.equals(reason, lastReason)) {
                    err.println("handoff tail: " + source.describe() + ": " + state.label(ZoneId.systemDefault()));
                    err.flush();
                    lastState = state.getClass();
                    lastReason = reason;
                }
            } else if (event instanceof Notice n) {
                err.println("handoff tail: " + source.describe() + ": " + n.text());
                err.flush();
            } else if (event instanceof HandoffException e) {
                throw e;
            }
            out.flush();
            if (out.checkError()) {
                return; // the reader went away (jq, head): nothing left to do
            }
        }
    }

    private record Change(QueueEntry entry, long seq) {
    }

    private record Notice(String text) {
    }

    private void reset(long seq, int count) {
        ObjectNode line = QueueJson.mapper().createObjectNode();
        line.put("type", "reset");
        line.put("seq", seq);
        line.put("count", count);
        try {
            out.println(LINES.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void print(String type, long seq, QueueEntry entry) {
        ObjectNode line = QueueJson.mapper().createObjectNode();
        line.put("type", type);
        line.put("seq", seq);
        line.set("handoff", entry.toJson());
        try {
            out.println(LINES.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
