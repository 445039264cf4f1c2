package dev.handoff.config.validate;

import dev.handoff.config.LocalConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Offline validation of a configuration file against every documented rule. This is the API
 * that {@code validate} and {@code push} call. (The rules themselves are being built on the
 * `config` branch; this first version only checks that the file parses.)
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    /** Reads and checks a file; unreadable or malformed files throw a USAGE HandoffException. */
    public static ValidationReport validate(Path file) {
        LocalConfig.read(file);
        return new ValidationReport(file, List.of());
    }
}
