package dev.handoff.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The wire form of one handoff as the inbox serves it: {@link QueueJson} of the {@link Handoff}
 * record plus {@code whatsapp_url} (null when the phone number is not E.164). The link is made
 * when the handoff is served, so a changed {@code --greeting} applies to old handoffs too.
 */
public final class HandoffJson {

    private final PhoneNumbers phones;
    private final String greeting;

    public HandoffJson(PhoneNumbers phones, String greeting) {
        this.phones = phones;
        this.greeting = greeting;
    }

    public PhoneNumbers phones() {
        return phones;
    }

    public ObjectNode render(Handoff handoff) {
        ObjectNode node = QueueJson.mapper().valueToTree(handoff);
        node.put("whatsapp_url", whatsappUrl(handoff.phoneNumber()));
        return node;
    }

    /** A stored snapshot (the record's JSON at the time of a change), rendered like {@link #render}. */
    public ObjectNode renderSnapshot(String snapshotJson) {
        try {
            ObjectNode node = (ObjectNode) QueueJson.mapper().readTree(snapshotJson);
            JsonNode phone = node.get("phone_number");
            node.put("whatsapp_url", whatsappUrl(phone == null || phone.isNull() ? null : phone.asText()));
            return node;
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored change snapshot is not a JSON object", e);
        }
    }

    public String whatsappUrl(String phoneNumber) {
        if (phoneNumber == null || !phoneNumber.startsWith("+")) {
            return null;
        }
        return phones.e164(phoneNumber).map(e164 -> WhatsAppLink.of(e164, greeting)).orElse(null);
    }
}
