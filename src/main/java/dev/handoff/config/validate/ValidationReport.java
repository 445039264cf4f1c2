package dev.handoff.config.validate;

import java.util.List;

/**
 * All findings for one file, in file order.
 *
 * @param accepted warnings handoff.yaml accepts (see {@link Acceptances}); they count neither as
 *                 warnings nor towards --strict
 */
public record ValidationReport(java.nio.file.Path file, List<Finding> findings, List<Accepted> accepted) {

    /** A warning kept on purpose, with the reason written in handoff.yaml. */
    public record Accepted(Finding finding, String reason) {
    }

    public ValidationReport(java.nio.file.Path file, List<Finding> findings) {
        this(file, findings, List.of());
    }

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
