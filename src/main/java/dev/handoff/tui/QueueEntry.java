package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.QueueJson;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the queue as a client sees it: the shared {@link Handoff} record plus the WhatsApp
 * link the source built for it (the inbox sends {@code whatsapp_url} beside the record's fields).
 */
public record QueueEntry(Handoff handoff, String whatsappUrl) {

    /** How much later than its {@code created_at} a handoff may arrive before the delivery counts as late. */
    public static final Duration LATE = Duration.ofMinutes(1);

    public QueueEntry {
        Objects.requireNonNull(handoff, "handoff");
    }

    public long id() {
        return handoff.id();
    }

    /** Since when the person has been waiting: when the handoff reached the queue, else when it was created. */
    public Instant waitingSince() {
        if (handoff.receivedAt() != null) {
            return handoff.receivedAt();
        }
        return handoff.createdAt() != null ? handoff.createdAt() : Instant.EPOCH;
    }

    /**
     * When the platform created the handoff, if that was more than {@link #LATE} before it reached
     * the queue (a delivery that was retried or held up), else null: only then is it worth showing
     * beside the waiting time. A platform clock ahead of ours is not a late delivery.
     */
    public Instant sentLateAt() {
        Instant created = handoff.createdAt();
        Instant received = handoff.receivedAt();
        if (created == null || received == null) {
            return null;
        }
        return Duration.between(created, received).compareTo(LATE) > 0 ? created : null;
    }

    /** The wire form: snake_case fields of the record plus {@code whatsapp_url}. */
    public ObjectNode toJson() {
        ObjectNode node = QueueJson.mapper().valueToTree(handoff);
        node.put("whatsapp_url", whatsappUrl);
        return node;
    }

    /**
     * Reads the wire form; a missing {@code whatsapp_url} is built from the phone number. A field of
     * the wrong kind, or a null or missing {@code id}, {@code status} or {@code version}, is an
     * IllegalArgumentException whose message names it in one plain line.
     */
    public static QueueEntry fromJson(JsonNode node) {
        String missing = WireProblem.missingRequired(node);
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        Handoff handoff;
        try {
            handoff = QueueJson.mapper().convertValue(node, Handoff.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WireProblem.describe(node, e), e);
        }
        JsonNode url = node.get("whatsapp_url");
        String link = url != null && url.isTextual() ? url.asText() : WhatsAppLink.forPhone(handoff.phoneNumber());
        return new QueueEntry(handoff, link);
    }
}
