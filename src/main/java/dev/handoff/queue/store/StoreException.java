package dev.handoff.queue.store;

/** The database could not do what was asked (disk full, I/O error, closed store). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
