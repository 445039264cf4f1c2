package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;

/** The stored handoff for a delivery; {@code created} is false for a redelivery of a stored one. */
public record Ingested(Handoff handoff, boolean created) {
}
