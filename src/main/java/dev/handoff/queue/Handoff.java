package dev.handoff.queue;

import java.time.Instant;

/**
 * One conversation waiting for (or handled by) a person, as stored by the inbox and shown by
 * {@code tail}. Wire form: snake_case JSON of these fields.
 *
 * @param id              the inbox's own id (stable across restarts)
 * @param phoneNumber     E.164 ("+15551234567"), or the raw value when it cannot be normalised
 * @param claimedBy       the operator holding it while IN_PROGRESS, else null
 * @param version         increases with every change; the stream's event id is the store's change sequence
 * @param resolvedBy      the operator who resolved it; null until then, and for handoffs resolved from
 *                        Pending before the inbox kept this (the operator was not recorded)
 * @param resolvedAt      when it was resolved, else null
 */
public record Handoff(long id, String agentId, String agentExternalId, String name, String phoneNumber, String summary,
                      String reason, Instant createdAt, Instant receivedAt, Status status, String claimedBy,
                      Instant updatedAt, long version, String resolvedBy, Instant resolvedAt) {

    /** A handoff that has not been resolved (sources that know nothing of resolution build these). */
    public Handoff(long id, String agentId, String agentExternalId, String name, String phoneNumber, String summary,
                   String reason, Instant createdAt, Instant receivedAt, Status status, String claimedBy,
                   Instant updatedAt, long version) {
        this(id, agentId, agentExternalId, name, phoneNumber, summary, reason, createdAt, receivedAt, status, claimedBy,
                updatedAt, version, null, null);
    }
}
