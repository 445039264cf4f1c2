package dev.handoff.config.validate;

import dev.handoff.error.SourceLocation;

/**
 * One problem found in a configuration file.
 *
 * @param path the field path, e.g. {@code custom_guidelines[name=Refund requests].description}
 * @param hint what to do, or null
 */
public record Finding(Severity severity, SourceLocation location, String path, String message, String hint) {

    public enum Severity { ERROR, WARNING }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + path + ": " + message;
    }
}
