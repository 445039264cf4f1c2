package dev.handoff.queue.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.store.Outbox;

import java.util.Map;

/**
 * The outbox by channel and state, all time (notifications are not part of the handoff window):
 * what {@code inbox stats} adds when the inbox notifies the team. A failed row is one the team
 * was never told about.
 */
public final class NotificationCounts {

    private NotificationCounts() {
    }

    /** {@code {"team-chat": {"pending": 0, "sending": 0, "sent": 41, "failed": 1}, ...}} */
    public static ObjectNode json(Map<String, Map<Outbox.State, Long>> counts) {
        ObjectNode out = QueueJson.mapper().createObjectNode();
        for (var channel : counts.entrySet()) {
            ObjectNode states = out.putObject(channel.getKey());
            for (Outbox.State state : Outbox.State.values()) {
                states.put(state.id(), channel.getValue().getOrDefault(state, 0L));
            }
        }
        return out;
    }
}
