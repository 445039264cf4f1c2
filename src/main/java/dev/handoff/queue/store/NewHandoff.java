package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;

import java.util.List;

/**
 * An accepted webhook event on its way into the store.
 *
 * @param dedupKey    unique per delivery: the sender's idempotency key or delivery id, else a hash of the body
 * @param phoneNumber E.164 when it could be normalised, else the raw value
 * @param rawEvent    the body exactly as received
 * @param channels    the notification channels that get one outbox row each when this handoff is new
 */
public record NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent, List<String> channels) {

    public NewHandoff {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A handoff that notifies nobody. */
    public NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent) {
        this(dedupKey, event, phoneNumber, rawEvent, List.of());
    }
}
