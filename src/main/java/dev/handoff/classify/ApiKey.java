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

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
