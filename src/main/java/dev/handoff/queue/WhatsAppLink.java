package dev.handoff.queue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The queue's WhatsApp link: {@code https://api.whatsapp.com/send?phone=<E.164 digits>&text=<urlencoded greeting>}. */
public final class WhatsAppLink {

    public static final String DEFAULT_GREETING = "Hi, I'm taking over your request.";

    private WhatsAppLink() {
    }

    /**
     * @param e164     a number in E.164 form ("+15551234567")
     * @param greeting the prefilled message; omitted from the link when blank
     */
    public static String of(String e164, String greeting) {
        if (e164 == null || !e164.matches("\\+[1-9][0-9]{1,14}")) {
            throw new IllegalArgumentException("not an E.164 number");
        }
        String link = "https://api.whatsapp.com/send?phone=" + e164.substring(1);
        if (greeting != null && !greeting.isBlank()) {
            link += "&text=" + encodeComponent(greeting);
        }
        return link;
    }

    /**
     * The link with the default greeting for a number as a source sent it (Chatwoot, an old
     * inbox), or null when it is not an international number; no country is guessed.
     */
    public static String forPhone(String phone) {
        return INTERNATIONAL_ONLY.e164(phone).map(e164 -> of(e164, DEFAULT_GREETING)).orElse(null);
    }

    private static final PhoneNumbers INTERNATIONAL_ONLY = new PhoneNumbers(null);

    /** Like JavaScript's encodeURIComponent (the seed's button): spaces as %20, never '+'. */
    static String encodeComponent(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
