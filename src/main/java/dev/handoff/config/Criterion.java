package dev.handoff.config;

/**
 * Something that can make a conversation be handed off, by the name replay reports it under
 * (docs/transcripts.md: a guideline's {@code name}, a Plugit category's {@code title}, or
 * {@code keywords}).
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
        KEYWORDS
    }

    /** True when a deterministic rule decides this criterion, not a classifier. */
    public boolean deterministic() {
        return kind == Kind.KEYWORDS || (kind == Kind.GENERIC && MEDIA_MESSAGE.equals(name));
    }
}
