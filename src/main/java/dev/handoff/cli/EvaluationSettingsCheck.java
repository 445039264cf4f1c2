package dev.handoff.cli;

import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.validate.ConfigValidator;
import dev.handoff.config.validate.Finding;
import dev.handoff.config.validate.ValidationReport;
import dev.handoff.error.HandoffException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replay checks the evaluation settings beside a configuration as {@code validate} does before it
 * reads them: a threshold of -3 would make a criterion fire on everything, a mistyped gate key
 * would switch the gate off, and CI runs replay, not validate.
 */
final class EvaluationSettingsCheck {

    private EvaluationSettingsCheck() {
    }

    /**
     * Stops at the first error (exit 2, with file:line:column); returns the warnings, each as one
     * line for the report's warnings.
     */
    static List<String> check(Path workDir, Path configFile, String classifier) {
        Path file = EvaluationSettings.pathFor(configFile);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Path shown = Path.of(ReplayCommand.display(workDir, file));
        ValidationReport report = ConfigValidator.validate(file, shown);
        // another classifier's block is not read by this run: its training data kept elsewhere (a CI job replaying recorded
        // verdicts) stopped 'replay --classifier recorded' with exit 2. validate still calls it an error
        String others = "classifier.";
        String ours = "classifier." + classifier + ".";
        java.util.function.Predicate<Finding> notRead = f -> f.path() != null && f.path().startsWith(others) && !f.path().startsWith(ours);
        List<Finding> errors = report.errors().stream().filter(notRead.negate()).toList();
        if (!errors.isEmpty()) {
            Finding first = errors.get(0);
            String more = errors.size() == 1 ? "" : " (" + (errors.size() - 1) + " more: handoff validate " + shown + ")";
            String hint = first.hint() == null || first.hint().isBlank()
                    ? "correct that field in " + shown + " (its fields: docs/classifiers.md, \"Evaluation settings\")" : first.hint();
            throw HandoffException.usage(first.location() + ": " + first.path() + ": " + first.message(), hint + more);
        }
        List<String> warnings = new java.util.ArrayList<>(report.warnings().stream().map(w -> w.location() + ": " + w.path() + ": "
                + w.message() + (w.hint() == null || w.hint().isBlank() ? "" : "; " + w.hint())).toList());
        report.errors().stream().filter(notRead).forEach(e -> warnings.add(e.location() + ": " + e.path() + ": " + e.message()
                + " (not read by --classifier " + classifier + "; 'handoff validate' calls it an error)"));
        return List.copyOf(warnings);
    }
}
