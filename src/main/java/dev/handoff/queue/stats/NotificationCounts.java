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

    /** Nothing when the inbox never notified anyone. */
    public static String text(Map<String, Map<Outbox.State, Long>> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder("\nNotifications (all time, by channel)\n");
        long failed = 0;
        for (var channel : counts.entrySet()) {
            b.append("  ").append(String.format("%-" + width + "s", channel.getKey()));
            for (Outbox.State state : Outbox.State.values()) {
                long n = channel.getValue().getOrDefault(state, 0L);
                b.append("  ").append(state.id()).append(' ').append(n);
            }
            b.append('\n');
            failed += channel.getValue().getOrDefault(Outbox.State.FAILED, 0L);
        }
        if (failed > 0) {
            b.append("  ").append(failed).append(failed == 1 ? " notification" : " notifications")
                    .append(" gave up: the inbox log's notify_failed lines say why\n");
        }
        return b.toString();
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
