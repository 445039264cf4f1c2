package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.time.Instant;

/** Builds queue rows for tests: fixed times so that screens and orders are reproducible. */
final class Entries {

    static final Instant T0 = Instant.parse("2025-09-19T12:00:00Z");

    private Entries() {
    }

    static QueueEntry pending(long id, String name, int minutesAfterT0) {
        return entry(id, name, Status.PENDING, null, minutesAfterT0, 1);
    }

    static QueueEntry entry(long id, String name, Status status, String claimedBy, int minutesAfterT0, long version) {
        Instant at = T0.plusSeconds(60L * minutesAfterT0);
        String phone = "+1555000" + String.format("%04d", id);
        Handoff h = new Handoff(id, "agt_123", "crm-42", name, phone,
                "Summary of " + name + ": wants to talk to a person about an order",
                "criteria_matched: user_requested_human", at, at, status, claimedBy, at, version);
        return new QueueEntry(h, WhatsAppLink.forPhone(phone));
    }

    static QueueEntry with(QueueEntry e, Status status, String claimedBy, long version) {
        Handoff h = e.handoff();
        return new QueueEntry(new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.createdAt(), h.receivedAt(), status, claimedBy, h.updatedAt(), version), e.whatsappUrl());
    }

    static QueueEntry withSummary(QueueEntry e, String name, String summary, String reason) {
        Handoff h = e.handoff();
        return new QueueEntry(new Handoff(h.id(), h.agentId(), h.agentExternalId(), name, h.phoneNumber(), summary,
                reason, h.createdAt(), h.receivedAt(), h.status(), h.claimedBy(), h.updatedAt(), h.version()), e.whatsappUrl());
    }

    /** The same handoff, created on the platform {@code earlier} before it reached the queue. */
    static QueueEntry createdBeforeArrival(QueueEntry e, java.time.Duration earlier) {
        Handoff h = e.handoff();
        return new QueueEntry(new Handoff(h.id(), h.agentId(), h.agentExternalId(), h.name(), h.phoneNumber(), h.summary(),
                h.reason(), h.receivedAt().minus(earlier), h.receivedAt(), h.status(), h.claimedBy(), h.updatedAt(),
                h.version()), e.whatsappUrl());
    }
}
