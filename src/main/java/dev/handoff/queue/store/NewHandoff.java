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
 * @param signedHash  for a signed request, the hash of what the signature covers (timestamp and body), else null:
 *                    a request with a known hash is a replay of that delivery, whatever its unsigned headers say
 */
public record NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent, List<String> channels,
                         String signedHash) {

    public NewHandoff {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** An unsigned delivery. */
    public NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent, List<String> channels) {
        this(dedupKey, event, phoneNumber, rawEvent, channels, null);
    }

    /** An unsigned delivery that notifies nobody. */
    public NewHandoff(String dedupKey, HandoffEvent event, String phoneNumber, byte[] rawEvent) {
        this(dedupKey, event, phoneNumber, rawEvent, List.of(), null);
    }
}
