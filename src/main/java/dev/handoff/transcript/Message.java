package dev.handoff.transcript;

import java.time.Instant;
import java.util.Locale;

/** One message of a transcript; {@code text} may be null only when {@code media} is set. */
public record Message(Role role, String text, Instant at, Media media) {

    public enum Role {
        USER, ASSISTANT, OPERATOR, SYSTEM;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Media {
        IMAGE, AUDIO, VIDEO, FILE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean hasMedia() {
        return media != null;
    }

    public String textOrEmpty() {
        return text == null ? "" : text;
    }
}
