package dev.handoff.config;

import java.util.Locale;

/** The vendors whose handoff configuration handoff manages. */
public enum Provider {
    /** One document, GET/PUT {base}/v1/api/human_handoff/configuration. */
    QUICKCHAT,
    /** An agent document with categories, POST/PATCH {base}/v2/agents. */
    PLUGIT,
    /**
     * Caty's human-handoff settings (triggers, availability, offline message). Caty documents no
     * API: the local file is the source of truth and is pasted into Settings, so it is validated,
     * diffed and replayed but never fetched or pushed.
     */
    CATY;

    /** False for providers without a documented API (nothing to fetch from or push to). */
    public boolean hasRemote() {
        return this != CATY;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider parse(String value) {
        for (Provider p : values()) {
            if (p.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + value + "' (expected quickchat, plugit or caty)");
    }
}
