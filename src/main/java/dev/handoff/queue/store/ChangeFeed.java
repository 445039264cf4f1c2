package dev.handoff.queue.store;

/** Wakes the readers of the change log when the writer commits new changes. */
public final class ChangeFeed {

    private long latest;
    /** Set under the monitor, so a reader about to wait cannot miss the stop (no lost wake-up). */
    private boolean stopped;

    ChangeFeed(long latest) {
        this.latest = latest;
    }

    synchronized void published(long seq) {
        if (seq > latest) {
            latest = seq;
            notifyAll();
        } else if (seq < latest) {
            // a number already handed out: the database was restored under the running inbox; wake
            // the streams so that they find out now, not at their next heartbeat
            notifyAll();
        }
    }

    /**
     * The database says its last change is {@code seq}, below what this feed handed out: a backup
     * was restored under the running inbox. Without this, readers waiting for a change after a
     * position below the old last one would return at once, again and again (a busy loop).
     */
    public synchronized void rewind(long seq) {
        if (seq < latest) {
            latest = seq;
        }
    }

    public synchronized long latest() {
        return latest;
    }

    /**
     * Waits until a change after {@code seq} is committed, {@link #stop} is called, or the
     * timeout passes; returns the latest committed seq. Never waits once stopped.
     */
    public synchronized long awaitAfter(long seq, long timeoutMillis) throws InterruptedException {
        if (latest <= seq && timeoutMillis > 0 && !stopped) {
            wait(timeoutMillis);
        }
        return latest;
    }

    /** Shutdown: wakes every waiter and keeps later calls from waiting, so streams end promptly. */
    public synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
