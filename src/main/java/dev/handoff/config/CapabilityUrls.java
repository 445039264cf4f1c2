package dev.handoff.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URLs that are a credential themselves: anyone holding one can post to the channel or run the
 * workflow. On a service's own host any path is the credential (Slack, Discord, Teams, Google Chat,
 * Zapier, IFTTT, Make, Pipedream, Telegram's bot API). On any host, a path is only taken for one when
 * its id looks drawn at random (n8n's UUID, Mattermost's and Rocket.Chat's long ids with digits and
 * letters), so that a documentation page such as {@code https://example.com/hooks/overview} is no secret;
 * likewise a user info that is a key alone ({@code https://KEY@host/1}, Sentry's DSN).
 */
final class CapabilityUrls {

    /** The service's own host: the part after it is the credential, its segments echoed alone by servers. */
    private static final Pattern KNOWN_HOST = Pattern.compile("(?i)https?://(hooks\\.slack\\.com/(services|workflows|triggers)/"
            + "|(canary\\.|ptb\\.)?discord(app)?\\.com/api/webhooks/|[a-z0-9-]+\\.webhook\\.office\\.com/"
            + "|outlook\\.office(365)?\\.com/webhook|chat\\.googleapis\\.com/v1/spaces/|hooks\\.zapier\\.com/hooks/"
            + "|maker\\.ifttt\\.com/trigger/|hook\\.([a-z0-9-]+\\.)?(make|integromat)\\.com/)(\\S.*)", Pattern.DOTALL);

    /** Pipedream's endpoint: the host name is the credential ({@code https://eo1a2b3c4d5e6f7.m.pipedream.net}). */
    private static final Pattern PIPEDREAM = Pattern.compile("(?i)https?://([a-z0-9]{8,})\\.m\\.pipedream\\.net(?:[/?#]\\S*)?");

    /** Telegram's bot API: {@code /bot<id>:<token>/sendMessage} (and {@code /file/bot...}), the token a password. */
    private static final Pattern TELEGRAM = Pattern.compile(
            "(?i)https?://api\\.telegram\\.org/(?:file/)?bot(\\d+:([a-z0-9_-]{20,}))(?:[/?#]\\S*)?");

    /** n8n's production and test webhooks on any host: {@code /webhook/<uuid>}, {@code /webhook-test/<uuid>}. */
    private static final Pattern N8N = Pattern.compile("(?i)https?://[^/?#\\s]+(?:/[^?#\\s]*)?/webhook(?:-test)?/"
            + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]\\S*)?");

    /**
     * Mattermost's incoming hook ({@code /hooks/<26 characters>}) and Rocket.Chat's ({@code /hooks/<id>/<token>}) on
     * any host: ids of 16 characters or more, digits and letters only.
     */
    private static final Pattern CHAT_HOOK = Pattern.compile(
            "(?i)https?://[^/?#\\s]+(?:/[^?#\\s]*)?/hooks/([a-z0-9]{16,})(?:/([a-z0-9]{16,}))?/?(?:[?#]\\S*)?");

    /** A user info that is one long key, no password ({@code https://<32 hex>@o1.ingest.sentry.io/5}). */
    private static final Pattern KEY_AS_USER = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://([a-z0-9_-]{20,})@[^/?#@\\s]+(?:[/?#]\\S*)?");

    private static final Pattern DIGIT = Pattern.compile(".*\\d.*");
    private static final Pattern LETTER = Pattern.compile(".*[A-Za-z].*");

    private CapabilityUrls() {
    }

    static boolean matches(String text) {
        return !parts(text).isEmpty() || KNOWN_HOST.matcher(text.strip()).matches();
    }

    /**
     * The parts a server may echo alone: the path segments of 8 characters or more after a service's own host, the
     * id and token of the others, the key of a user info. Empty for any other text.
     */
    static List<String> parts(String text) {
        List<String> out = new ArrayList<>();
        String t = text.strip();
        Matcher m = KNOWN_HOST.matcher(t);
        if (m.matches()) {
            for (String segment : m.group(m.groupCount()).split("[/?#&=]")) {
                if (segment.length() >= 8) {
                    out.add(segment);
                }
            }
            return out;
        }
        if ((m = PIPEDREAM.matcher(t)).matches() || (m = N8N.matcher(t)).matches()) {
            out.add(m.group(1));
        } else if ((m = TELEGRAM.matcher(t)).matches()) {
            out.add(m.group(1));
            out.add(m.group(2));
        } else if ((m = CHAT_HOOK.matcher(t)).matches() && random(m.group(1) + (m.group(2) == null ? "" : m.group(2)))) {
            out.add(m.group(1));
            if (m.group(2) != null) {
                out.add(m.group(2));
            }
        } else if ((m = KEY_AS_USER.matcher(t)).matches() && random(m.group(1))
                // a user name with words apart ("deploy-user-2024-prod") is a name; a key that long and random is none
                && (m.group(1).chars().allMatch(Character::isLetterOrDigit) || m.group(1).length() >= 32)) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * Drawn at random, not a word: digits and letters both. A 26-character Mattermost id without a digit is a one in
     * five thousand chance; a page name such as "gettingstartedwithhooks" has none.
     */
    static boolean random(String id) {
        return DIGIT.matcher(id).matches() && LETTER.matcher(id).matches();
    }
}
