package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;

import java.util.List;

/**
 * One page of the queue, oldest created first.
 *
 * @param nextCursor where the next page starts, or null on the last page
 * @param seq        the latest change included in this view: stream from here to miss nothing
 */
public record Page(List<Handoff> items, String nextCursor, long seq) {
}
