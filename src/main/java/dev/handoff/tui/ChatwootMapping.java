package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a Chatwoot conversation (the shape of {@code GET /api/v1/accounts/{id}/conversations})
 * becomes a handoff row. Chatwoot has no "handoff" object, so:
 * <ul>
 *   <li>status: {@code pending} (the bot still owns it, or it waits for triage) and {@code open}
 *       without an assignee are Pending; {@code open} with an assignee is In progress, claimed by
 *       the assignee; {@code resolved} is Resolved; {@code snoozed} is not in the queue (null).</li>
 *   <li>name and phone: the contact, {@code meta.sender.name} and {@code meta.sender.phone_number}.</li>
 *   <li>summary: the text of the last message ({@code last_non_activity_message}, else {@code messages[0]}).</li>
 *   <li>reason: the conversation's labels, comma-separated.</li>
 *   <li>created_at: the conversation's {@code created_at}; waiting since {@code waiting_since} when set.</li>
 *   <li>agent ids: {@code inbox:<inbox_id>} and the contact's {@code identifier}.</li>
 * </ul>
 */
final class ChatwootMapping {

    private ChatwootMapping() {
    }

    /** The row for a conversation, or null when it is not part of the handoff queue (snoozed, unknown status). */
    static QueueEntry toEntry(JsonNode conversation, long version) {
        JsonNode meta = conversation.path("meta");
        JsonNode sender = meta.path("sender");
        JsonNode assignee = meta.path("assignee");
        boolean assigned = assignee.isObject() && assignee.has("id");
        Status status = status(conversation.path("status").asText(""), assigned);
        if (status == null) {
            return null;
        }
        String phone = text(sender, "phone_number");
        Instant created = epoch(conversation.path("created_at"));
        Instant waiting = epoch(conversation.path("waiting_since"));
        Instant updated = epoch(conversation.path("last_activity_at"));
        Handoff handoff = new Handoff(
                conversation.path("id").asLong(),
                conversation.has("inbox_id") ? "inbox:" + conversation.path("inbox_id").asText() : null,
                text(sender, "identifier"),
                text(sender, "name"),
                phone,
                lastMessage(conversation),
                labels(conversation.path("labels")),
                created,
                waiting != null ? waiting : created,
                status,
                status == Status.IN_PROGRESS ? agentName(assignee) : null,
                updated,
                version);
        return new QueueEntry(handoff, WhatsAppLink.forPhone(phone));
    }

    static Status status(String chatwootStatus, boolean assigned) {
        return switch (chatwootStatus) {
            case "pending" -> Status.PENDING;
            case "open" -> assigned ? Status.IN_PROGRESS : Status.PENDING;
            case "resolved" -> Status.RESOLVED;
            default -> null;
        };
    }

    static String agentName(JsonNode agent) {
        String available = text(agent, "available_name");
        return available != null && !available.isEmpty() ? available : text(agent, "name");
    }

    private static String lastMessage(JsonNode conversation) {
        JsonNode last = conversation.path("last_non_activity_message");
        if (!last.isObject()) {
            JsonNode messages = conversation.path("messages");
            last = messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : null;
        }
        return last == null ? null : text(last, "content");
    }

    private static String labels(JsonNode labels) {
        if (!labels.isArray() || labels.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(l.asText()));
        return String.join(", ", names);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** Chatwoot sends Unix seconds; 0 means "not set". */
    private static Instant epoch(JsonNode v) {
        if (v.isNumber() && v.asLong() > 0) {
            return Instant.ofEpochSecond(v.asLong());
        }
        if (v.isTextual() && !v.asText().isEmpty()) {
            try {
                return Instant.parse(v.asText());
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
