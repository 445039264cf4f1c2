package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evaluation settings' block of a classifier this run does not use is not read: its training data kept elsewhere
 * (the conversations outside the repository, a CI job replaying recorded verdicts) is a warning there, not exit 2.
 */
class ReplayOtherClassifiersSettingsTest extends ReplayProjectTest {

    @Test
    void anotherClassifiersMissingTrainingDataIsAWarningAndTheEmbeddedClassifierStillRefusesIt() {
        project.write("guidelines/support.eval.yaml", "classifier:\n  embedding:\n    training:\n      transcripts: [nothere]\n");
        var other = run("replay", "--classifier", "keywords", "--max-fp-rate", "100%");
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(other.out()).contains("classifier.embedding.training.transcripts[0]: no file or folder 'nothere'")
                .contains("not read by --classifier keywords");
        var embedding = run("replay", "--classifier", "embedding");
        assertThat(embedding.exitCode()).as(embedding.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(embedding.err()).contains("classifier.embedding.training.transcripts[0]: no file or folder 'nothere'");
        var validate = run("validate", "guidelines/support.eval.yaml");
        assertThat(validate.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    }
}
