package dev.handoff.queue.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A secret value that never prints itself and is only ever compared in constant time. */
public final class Secret {

    private final byte[] value;

    public Secret(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty secret");
        }
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time: the time taken does not depend on how many leading bytes match. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }

    public boolean sameAs(Secret other) {
        return other != null && MessageDigest.isEqual(value, other.value);
    }

    /** Its length in bytes (the value is printable ASCII where it is a header), to warn of one short enough to guess. */
    public int length() {
        return value.length;
    }

    byte[] bytes() {
        return value.clone();
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
