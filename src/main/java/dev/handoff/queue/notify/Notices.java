package dev.handoff.queue.notify;

import dev.handoff.text.Invisible;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.HandoffJson;
import dev.handoff.queue.QueueJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@link Notice} of a stored handoff. The last messages come from the event's
 * {@code messages} array when the platform sends one (each item {@code {role, text}} or
 * {@code {role, content}}, or a plain string); Plugit's documented event has none, and then the
 * summary stands alone.
 */
public final class Notices {

    /** A quoted message is cut here: the notification points to the conversation, it does not replace it. */
    static final int MAX_MESSAGE_CHARS = 200;
    static final int MAX_FIELD_CHARS = 300;
    private static final int MAX_NAME_CHARS = 80;

    private final NotifyConfig config;
    private final HandoffJson json;

    public Notices(NotifyConfig config, HandoffJson json) {
        this.config = config;
        this.json = json;
    }

    public Notice of(Handoff h, byte[] rawEvent) {
        String name = clean(h.name(), MAX_NAME_CHARS);
        String phone = clean(h.phoneNumber(), 40);
        String visitor = name == null ? (phone == null ? "unknown visitor" : phone)
                : phone == null ? name : name + " (" + phone + ")";
        String agent = h.agentExternalId() == null ? clean(h.agentId(), 80)
                : clean(h.agentId() + " (" + h.agentExternalId() + ")", 120);
        String link = config.link() == null ? null : config.link().replace("{id}", Long.toString(h.id()));
        return new Notice(h.id(), visitor, clean(h.reason(), MAX_FIELD_CHARS), clean(h.summary(), MAX_FIELD_CHARS), agent,
                link, json.whatsappUrl(h.phoneNumber()), h.createdAt(), lastMessages(rawEvent));
    }

    private List<Notice.Message> lastMessages(byte[] rawEvent) {
        if (config.lastMessages() == 0 || rawEvent == null) {
            return List.of();
        }
        JsonNode messages;
        try {
            JsonNode root = QueueJson.mapper().readTree(rawEvent);
            messages = root == null ? null : root.get("messages");
        } catch (IOException e) {
            return List.of(); // the inbox accepted it, so it parses; a notification is no place to fail over it
        }
        if (messages == null || !messages.isArray()) {
            return List.of();
        }
        List<Notice.Message> out = new ArrayList<>();
        for (int i = Math.max(0, messages.size() - config.lastMessages()); i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = null;
            String text;
            if (m.isTextual()) {
                text = m.textValue();
            } else if (m.isObject()) {
                role = m.path("role").isTextual() ? m.get("role").textValue() : null;
                JsonNode t = m.has("text") ? m.get("text") : m.get("content");
                text = t != null && t.isTextual() ? t.textValue() : null;
            } else {
                continue;
            }
            String shown = clean(text, MAX_MESSAGE_CHARS);
            if (shown != null) {
                out.add(new Notice.Message(who(role), shown));
            }
        }
        return out;
    }

    private static String who(String role) {
        if (role == null) {
            return "Message";
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "user", "visitor", "customer", "human" -> "User";
            case "assistant", "ai", "bot", "agent" -> "AI";
            case "operator" -> "Operator";
            default -> {
                String r = clean(role, 20);
                yield r == null ? "Message" : r;
            }
        };
    }

    /** One line of at most {@code max} characters, control characters as spaces; null for nothing. */
    static String clean(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && b.length() <= max; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || cp == 0x2028 || cp == 0x2029 || Invisible.isHidden(cp)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.appendCodePoint(cp);
        }
        if (b.length() == 0) {
            return null;
        }
        if (b.length() > max) {
            int cut = max - 1;
            if (Character.isLowSurrogate(b.charAt(cut))) {
                cut--;
            }
            b.setLength(cut);
            b.append('…');
        }
        return b.toString();
    }
}
