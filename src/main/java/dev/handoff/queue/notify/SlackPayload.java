package dev.handoff.queue.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.QueueJson;

/**
 * The chat message: Slack's incoming-webhook JSON, {@code text} plus optional layout
 * {@code blocks}. Mattermost and Rocket.Chat take the same body; Microsoft Teams' incoming
 * webhooks read {@code text}. Slack shows the blocks and uses {@code text} for the notification
 * banner, so {@code text} alone is complete.
 */
final class SlackPayload {

    private SlackPayload() {
    }

    static ObjectNode of(Notice n, boolean blocks) {
        ObjectNode body = QueueJson.mapper().createObjectNode();
        StringBuilder text = new StringBuilder(Notice.TITLE).append(": ").append(escape(n.visitor()));
        if (n.reason() != null) {
            text.append(" (").append(escape(n.reason())).append(')');
        }
        if (n.link() != null) {
            text.append(" <").append(n.link()).append("|open>");
        }
        body.put("text", text.toString());
        if (!blocks) {
            return body;
        }
        ArrayNode list = body.putArray("blocks");
        ObjectNode header = list.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Notice.TITLE).put("emoji", true);
        ObjectNode facts = list.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        field(fields, "Visitor", n.visitor());
        field(fields, "Reason", n.reason());
        field(fields, "Agent", n.agent());
        field(fields, "Requested at", n.createdAt().toString());
        if (n.summary() != null) {
            section(list, "*Summary:* " + escape(n.summary()));
        }
        if (!n.lastMessages().isEmpty()) {
            StringBuilder quoted = new StringBuilder("*Last " + n.lastMessages().size()
                    + (n.lastMessages().size() == 1 ? " message:*" : " messages:*"));
            for (Notice.Message m : n.lastMessages()) {
                quoted.append("\n> *").append(escape(m.who())).append(":* ").append(escape(m.text()));
            }
            section(list, quoted.toString());
        }
        if (n.link() != null || n.whatsapp() != null) {
            ArrayNode buttons = list.addObject().put("type", "actions").putArray("elements");
            if (n.link() != null) {
                button(buttons, "Open conversation", n.link());
            }
            if (n.whatsapp() != null) {
                button(buttons, "Open WhatsApp chat", n.whatsapp());
            }
        }
        return body;
    }

    private static void field(ArrayNode fields, String label, String value) {
        if (value != null) {
            fields.addObject().put("type", "mrkdwn").put("text", "*" + label + ":*\n" + escape(value));
        }
    }

    private static void section(ArrayNode list, String mrkdwn) {
        list.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void button(ArrayNode buttons, String label, String url) {
        ObjectNode b = buttons.addObject().put("type", "button").put("url", url);
        b.putObject("text").put("type", "plain_text").put("text", label);
    }

    /** Slack's three control characters in text; a visitor's words cannot become a link or a mention. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
