package dev.handoff.queue.notify;

import java.time.Duration;
import java.util.List;

/**
 * The notifications file, read and checked ({@link NotifyFile}), with the secrets it names
 * already taken from the environment.
 *
 * @param link         the conversation link in every notification, with {@code {id}} for the inbox's id, or null
 * @param lastMessages how many of the conversation's last messages a notification quotes (0: none)
 */
public record NotifyConfig(List<Channel> channels, String link, int lastMessages, Retry retry) {

    public NotifyConfig {
        channels = List.copyOf(channels);
    }

    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    /**
     * How a failed notification is tried again: after {@code firstDelay}, then twice as long each
     * time up to {@code maxDelay} (each delay drawn between half and all of that, so many inboxes
     * do not retry in step), at most {@code maxAttempts} attempts in all, then the row is failed.
     *
     * @param lease   how long a sender holds a row it claimed; a sender that died frees it after this
     * @param timeout the most one attempt may take (connect, each read, each write)
     */
    public record Retry(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration lease, Duration timeout) {
        public static final Retry DEFAULTS = new Retry(8, Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    /** Where notifications go; {@link #name} is what the outbox rows and the log lines say. */
    public sealed interface Channel permits Email, Webhook {
        String name();
    }

    /** How the SMTP connection is protected. */
    public enum TlsMode {
        /** Plain connection upgraded with STARTTLS, which is required (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** No encryption: only for a local mail catcher or relay. */
        NONE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * E-mail over SMTP.
     *
     * @param username null for a server that takes mail without logging in (then {@code password} is null too)
     */
    public record Email(String name, String host, int port, TlsMode tls, String username, EnvSecret password,
                        String from, List<String> to) implements Channel {
        public Email {
            to = List.copyOf(to);
        }
    }

    /**
     * A chat webhook taking Slack's message JSON (Slack, Mattermost, Rocket.Chat; Microsoft Teams
     * reads its {@code text}).
     *
     * @param url    the webhook URL: a secret (anyone holding it can post to the channel)
     * @param blocks whether to send Slack's layout blocks beside the plain {@code text}
     */
    public record Webhook(String name, EnvSecret url, boolean blocks) implements Channel {
    }

    /** A secret taken from the environment variable {@code variable}; never printed. */
    public record EnvSecret(String variable, String value) {
        @Override
        public String toString() {
            return "EnvSecret[" + variable + "=<redacted>]";
        }
    }
}
