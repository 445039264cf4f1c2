package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;

/**
 * An accepted webhook event on its way into the store.
 *
 * @param dedupKey    unique per delivery: the sender's idempotency key or delivery id, else a hash of the body
 * @param phoneNumber E.164 when it could be normalised, else the raw value
 * @param rawEvent    the body exactly as received
 */
public record NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent) {
}
