package dev.handoff.queue.store;

/** One entry of the change log: the handoff as it was right after change {@code seq}. */
public record Change(long seq, long handoffId, String snapshotJson) {
}
