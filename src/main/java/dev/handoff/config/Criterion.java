package dev.handoff.config;

/**
 * Something that can make a conversation be handed off, by the name replay reports it under: a
 * guideline's {@code name}, a Plugit category's {@code title}, a Caty trigger's key,
 * {@code keywords} or {@code failed_attempts}.
 */
public record Criterion(String name, String description, Kind kind, boolean active) {

    public static final String KEYWORDS = "keywords";
    public static final String MEDIA_MESSAGE = "media_message";

    public enum Kind {
        /** One of the five quickchat generic guidelines. */
        GENERIC,
        /** A quickchat custom guideline. */
        CUSTOM,
        /** A Plugit category. */
        CATEGORY,
        /** The keyword triggers, decided by whole-word matching, never by a model. */
        KEYWORDS,
        /** A Caty trigger decided by a classifier (user_request, low_confidence, negative_sentiment). */
        TRIGGER,
        /** "After N failed attempts": counted across turns, never by a model. */
        FAILED_ATTEMPTS
    }

    /** True when a deterministic rule decides this criterion, not a classifier. */
    public boolean deterministic() {
        return kind == Kind.KEYWORDS || kind == Kind.FAILED_ATTEMPTS || (kind == Kind.GENERIC && MEDIA_MESSAGE.equals(name));
    }
}
