package dev.handoff.queue.notify;

import java.time.Instant;
import java.util.List;

/**
 * What every channel says about one new handoff (the seed's e-mail: subject, visitor, reason,
 * link, last messages). All text is single-line, free of control characters and bounded, so a
 * visitor's name cannot add mail headers or fill a chat channel.
 *
 * @param visitor      name and phone number as the platform sent them
 * @param reason       the criterion or words the bot gave, or null
 * @param link         the conversation in the team's own tool (the file's {@code link}), or null
 * @param whatsapp     the WhatsApp link for the visitor's number, or null when it is not international
 * @param lastMessages the conversation's last messages when the event carried them, oldest first
 */
public record Notice(long handoffId, String visitor, String reason, String summary, String agent, String link,
                     String whatsapp, Instant createdAt, List<Message> lastMessages) {

    public static final String TITLE = "🙋 Human Handoff Requested";

    public Notice {
        lastMessages = List.copyOf(lastMessages);
    }

    /** One quoted message: who said it (User, AI, Operator) and what, shortened. */
    public record Message(String who, String text) {
    }

    public String subject() {
        return TITLE + ": " + visitor;
    }

    /** The plain-text body of the e-mail, and the fallback text of the chat message. */
    public String text() {
        StringBuilder b = new StringBuilder("A visitor has requested to speak with a human.\n\n");
        b.append("Visitor: ").append(visitor).append('\n');
        line(b, "Reason", reason);
        line(b, "Summary", summary);
        line(b, "Agent", agent);
        line(b, "Conversation", link);
        line(b, "WhatsApp", whatsapp);
        b.append("Requested at: ").append(createdAt).append('\n');
        if (!lastMessages.isEmpty()) {
            b.append("\nLast ").append(lastMessages.size()).append(lastMessages.size() == 1 ? " message:\n" : " messages:\n");
            for (Message m : lastMessages) {
                b.append("- ").append(m.who()).append(": ").append(m.text()).append('\n');
            }
        }
        b.append("\nInbox handoff id: ").append(handoffId).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append(label).append(": ").append(value).append('\n');
        }
    }
}
