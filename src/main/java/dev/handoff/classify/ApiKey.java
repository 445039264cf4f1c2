package dev.handoff.classify;

/** An API key. It never prints itself: records that hold it stay safe to log. */
public final class ApiKey {

    private final String value;

    public ApiKey(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty API key");
        }
        this.value = value.strip();
    }

    /** The key itself, for the one request header that carries it. */
    public String reveal() {
        return value;
    }

    /**
     * What in the key cannot go into an HTTP header value (visible ASCII and inner spaces only), in
     * words and without the key ("a line break at character 14"), or null when it can be sent.
     */
    public static String unsendable(ApiKey key) {
        return dev.handoff.text.HeaderText.unsendable(key.value);
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
