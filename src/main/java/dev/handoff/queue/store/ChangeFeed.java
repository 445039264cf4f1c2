package dev.handoff.queue.store;

/** Wakes the readers of the change log when the writer commits new changes. */
public final class ChangeFeed {

    private long latest;

    ChangeFeed(long latest) {
        this.latest = latest;
    }

    synchronized void published(long seq) {
        if (seq > latest) {
            latest = seq;
            notifyAll();
        }
    }

    public synchronized long latest() {
        return latest;
    }

    /**
     * Waits until a change after {@code seq} is committed, {@link #wakeAll} is called, or the
     * timeout passes; returns the latest committed seq.
     */
    public synchronized long awaitAfter(long seq, long timeoutMillis) throws InterruptedException {
        if (latest <= seq && timeoutMillis > 0) {
            wait(timeoutMillis);
        }
        return latest;
    }

    /** Lets every waiter re-check its own reason to stop (shutdown). */
    public synchronized void wakeAll() {
        notifyAll();
    }
}
