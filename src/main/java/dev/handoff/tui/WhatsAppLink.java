package dev.handoff.tui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The "continue in WhatsApp" deep link of the Plugit seed:
 * {@code https://api.whatsapp.com/send?phone=<E.164 digits>&text=<urlencoded greeting>}.
 * Used for sources that do not send a link of their own (Chatwoot).
 */
public final class WhatsAppLink {

    public static final String GREETING = "Hi, I'm taking over your request.";

    private WhatsAppLink() {
    }

    /** The link for a phone number, or null when the number has no digits. */
    public static String forPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        // encodeURIComponent semantics, as in the seed: spaces are %20, not '+'
        String text = URLEncoder.encode(GREETING, StandardCharsets.UTF_8).replace("+", "%20");
        return "https://api.whatsapp.com/send?phone=" + digits + "&text=" + text;
    }
}
