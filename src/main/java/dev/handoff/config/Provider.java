package dev.handoff.config;

import java.util.Locale;

/** The vendor APIs handoff can manage (docs/configuration-as-code.md). */
public enum Provider {
    /** One document, GET/PUT {base}/v1/api/human_handoff/configuration. */
    QUICKCHAT,
    /** An agent document with categories, POST/PATCH {base}/v2/agents. */
    PLUGIT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider parse(String value) {
        for (Provider p : values()) {
            if (p.id().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + value + "' (expected quickchat or plugit)");
    }
}
