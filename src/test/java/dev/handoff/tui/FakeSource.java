package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A source the test drives by hand: it pushes snapshots, changes and states, and scripts action answers. */
final class FakeSource implements QueueSource {

    volatile Listener listener;
    final CountDownLatch started = new CountDownLatch(1);
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile HandoffException claimRefusal;
    volatile boolean closed;
    private final List<QueueEntry> initial;

    FakeSource(List<QueueEntry> initial) {
        this.initial = initial;
    }

    @Override
    public String describe() {
        return "fake http://127.0.0.1:9/";
    }

    @Override
    public Snapshot snapshot() {
        return new Snapshot(initial, 7);
    }

    @Override
    public void start(Listener l) {
        listener = l;
        l.onState(new ConnectionState.Live(Instant.parse("2025-09-19T13:00:00Z")));
        l.onSnapshot(snapshot());
        started.countDown();
    }

    @Override
    public QueueEntry claim(long id, String operator) {
        calls.add("claim " + id + " " + operator);
        if (claimRefusal != null) {
            throw claimRefusal;
        }
        return Entries.with(find(id), Status.IN_PROGRESS, operator, find(id).handoff().version() + 1);
    }

    @Override
    public QueueEntry release(long id, String operator) {
        calls.add("release " + id + " " + operator);
        return Entries.with(find(id), Status.PENDING, null, find(id).handoff().version() + 1);
    }

    @Override
    public QueueEntry resolve(long id, String operator) {
        calls.add("resolve " + id + " " + operator);
        return Entries.with(find(id), Status.RESOLVED, null, find(id).handoff().version() + 1);
    }

    private QueueEntry find(long id) {
        return initial.stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }

    @Override
    public ConnectionState state() {
        return new ConnectionState.Live(Instant.EPOCH);
    }

    @Override
    public void close() {
        closed = true;
    }
}
