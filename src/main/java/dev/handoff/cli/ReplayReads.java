package dev.handoff.cli;

import dev.handoff.classify.Classifiers;
import dev.handoff.classify.recorded.VerdictFile;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.ProjectFile;
import dev.handoff.files.OutputPaths;
import dev.handoff.transcript.TranscriptReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.handoff.cli.ReplayCommand.display;

/**
 * Everything a replay reads, so that no report file replaces it: transcripts, configurations,
 * their evaluation settings and what those name for the classifier, recorded verdicts, the
 * project file. (A `--junit` over the evaluation settings once replaced a hand-tuned file.)
 */
final class ReplayReads {

    private ReplayReads() {
    }

    /**
     * @param given the transcript arguments as typed (empty: the default folder, shown as resolved)
     */
    static OutputPaths.Overlaps of(Path workDir, Path configFile, List<Path> inputs, List<Path> given, CompareOptions compare,
                                   String classifier, VerdictOptions verdicts) {
        OutputPaths.Overlaps reads = OutputPaths.overlaps();
        for (int i = 0; i < inputs.size(); i++) {
            Path shown = given.isEmpty() ? Path.of(display(workDir, inputs.get(i))) : given.get(i);
            reads.input("", shown, inputs.get(i), TranscriptReader::readsFromFolder);
        }
        reads.input("--config", Path.of(display(workDir, configFile)), configFile, null);
        configInputs(reads, workDir, configFile, classifier, verdicts.readsVerdictFile(classifier, false));
        if (compare.active()) {
            Path base = workDir.resolve(compare.base).normalize();
            reads.input("--compare", compare.base, base, null);
            configInputs(reads, workDir, base, classifier, verdicts.readsVerdictFile(classifier, true));
        }
        Path project = ProjectFile.locate(workDir);
        if (project != null) {
            reads.input("the project file", Path.of(display(workDir, project)), project, null);
        }
        return reads;
    }

    /**
     * A configuration's recorded verdicts (when this run reads them: a report may be named like a
     * verdict file the keywords classifier never opens), evaluation settings and the files those
     * name for the classifier.
     */
    private static void configInputs(OutputPaths.Overlaps reads, Path workDir, Path configFile, String classifier, boolean verdicts) {
        Path verdictFile = VerdictFile.pathFor(configFile);
        if (verdicts) {
            reads.input("the recorded verdicts", Path.of(display(workDir, verdictFile)), verdictFile, null);
        } else {
            // not read by this run, but recorded by an earlier one for the next: a report must not replace them either
            reads.kept("the recorded verdicts of " + display(workDir, configFile) + " (not read by this run)", verdictFile);
        }
        Path settingsFile = EvaluationSettings.pathFor(configFile);
        if (!Files.isRegularFile(settingsFile)) {
            return;
        }
        reads.input("the evaluation settings", Path.of(display(workDir, settingsFile)), settingsFile, null);
        EvaluationSettings settings;
        try {
            settings = EvaluationSettings.load(settingsFile);
        } catch (RuntimeException unreadable) {
            return; // reported with its position when the run reads it
        }
        Classifiers.factory(classifier).reads(settings).forEach((field, path) -> reads.input(field,
                Path.of(display(workDir, path)), path, TranscriptReader::readsFromFolder));
    }
}
