package dev.handoff.config.validate;

import dev.handoff.error.SourceLocation;

/**
 * One problem found in a configuration file.
 *
 * @param path the field path, e.g. {@code custom_guidelines[name=Refund requests].description}
 * @param hint what to do, or null
 * @param rule the id of the contract rule it breaks ({@link ContractRule#id()}), or null for
 *             handoff's own checks (duplicates, overlaps, risky keywords, secrets in clear ...)
 */
public record Finding(Severity severity, SourceLocation location, String path, String message, String hint, String rule) {

    public enum Severity { ERROR, WARNING }

    public Finding(Severity severity, SourceLocation location, String path, String message, String hint) {
        this(severity, location, path, message, hint, null);
    }

    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + path + ": " + message;
    }
}
