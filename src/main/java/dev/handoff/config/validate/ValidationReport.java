package dev.handoff.config.validate;

import java.util.List;

/** All findings for one file, in file order. */
public record ValidationReport(java.nio.file.Path file, List<Finding> findings) {

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }

    public List<Finding> warnings() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
    }
}
