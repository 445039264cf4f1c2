package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Output paths are checked before any work, with one plain line; a failed write is never exit 0. */
class OutputPathsTest extends ReplayProjectTest {

    private static void assertPlainUsageError(CliHarness.Result r, String expected) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).as("nothing was replayed").isEmpty();
        assertThat(r.err()).contains(expected).doesNotContain("Exception").doesNotContain("internal error");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void anEmptyPathFromAnUnsetVariableIsNamed() {
        assertPlainUsageError(replay("--markdown", ""), "--markdown: the file name is empty");
    }

    @Test
    void aDashIsNotTakenForStdoutNorWrittenAsAFileNamedDash() {
        assertPlainUsageError(replay("--markdown", "-"), "--markdown -: this option writes a file, and stdout carries the report");
        assertThat(project.dir.resolve("-")).doesNotExist();
        assertPlainUsageError(replay("--baseline", "-"), "--baseline -: the baseline is read from a file, not from stdin");
    }

    @Test
    void aFolderIsNotAFile() {
        assertPlainUsageError(replay("--save-baseline", "/"), "--save-baseline /: is a folder");
        assertPlainUsageError(replay("--junit", "."), "--junit .: is a folder");
    }

    @Test
    void aPlaceNobodyCanWriteToIsRefusedBeforeTheRun() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "Linux /proc");
        assertPlainUsageError(replay("--markdown", "/proc/version"), "--markdown /proc/version: cannot create a file in /proc");
    }

    @Test
    void aFullDiskIsAnErrorNotSuccess() {
        assumeTrue(Files.exists(Path.of("/dev/full")), "Linux /dev/full");
        for (String option : new String[] {"--markdown", "--junit"}) {
            var r = replay(option, "/dev/full");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            // the JUnit writer once said "cannot write the JUnit report: java.io.IOException: No space left on device"
            assertThat(r.err()).contains("/dev/full: no space left on device").doesNotContain("Exception");
        }
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).as("the device was not replaced by a file").isFalse();
    }

    @Test
    void noReportReplacesTheRecordedVerdictsAndTheReasonSaysWhetherThisRunReadsThem() {
        String verdicts = "guidelines/support.verdicts.jsonl";
        var recorded = run("replay", "--classifier", "recorded", "--markdown", verdicts);
        assertPlainUsageError(recorded, "--markdown " + verdicts + ": is also an input (the recorded verdicts");
        var recording = run("replay", "--classifier", "ollama", "--record", "--junit", verdicts);
        assertPlainUsageError(recording, "--junit " + verdicts + ": is also an input (the recorded verdicts");

        // the keywords classifier never opens it, but a later recorded run does: replacing it lost the recording
        project.write(verdicts, "{\"recorded\": \"by an earlier run\"}\n");
        String before = project.read(verdicts);
        var keywords = run("replay", "--classifier", "keywords", "--markdown", verdicts);
        assertPlainUsageError(keywords, "--markdown " + verdicts + ": is the recorded verdicts of guidelines/support.yaml (not read by this run);"
                + " writing a report there would replace them");
        assertThat(keywords.err()).doesNotContain("is also an input");
        assertThat(project.read(verdicts)).isEqualTo(before);
    }

    @Test
    void aConfigFolderIsSaidToBeAFolder() {
        var r = replay("--config", "transcripts");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--config transcripts: is a folder; name one configuration file").doesNotContain("no such file");
    }

    @Test
    void reportMergeOfAFolderSaysSo() {
        var r = run("report", "merge", "transcripts");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("transcripts: is a folder, not a report").doesNotContain("Is a directory");
    }

    @Test
    void importOutIsCheckedBeforeReading() throws Exception {
        Files.writeString(project.dir.resolve("in.csv"), "text,label\nhello,a\n");
        var r = run("transcripts", "import", "--text-column", "text",
                "--label-column", "label", "--out", "transcripts", "in.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--out transcripts: is a folder");
    }

    @Test
    void aReportFileThatIsATranscriptFileIsRefusedAndTheTranscriptsKept() {
        project.write("x.jsonl", "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n");
        String before = project.read("x.jsonl");
        assertPlainUsageError(replay("x.jsonl", "--junit", "x.jsonl"), "--junit x.jsonl: is also an input (x.jsonl)");
        assertPlainUsageError(replay("./x.jsonl", "--markdown", "x.jsonl"), "--markdown x.jsonl: is also an input (./x.jsonl)");
        assertThat(project.read("x.jsonl")).isEqualTo(before);
    }

    @Test
    void aReportFileThatAFolderWalkWouldReadIsRefused() {
        assertPlainUsageError(replay("transcripts", "--save-baseline", "transcripts/01-tp-asks-for-human.yaml"),
                "--save-baseline transcripts/01-tp-asks-for-human.yaml: is read as an input (it is in transcripts)");
        var elsewhere = replay("transcripts", "--markdown", "transcripts/summary.md");
        assertThat(elsewhere.exitCode()).as("a file the walk does not read may go there: " + elsewhere).isZero();
    }

    @Test
    void aReportFileTheWalkReadsThroughALinkOrWouldReadNextTimeIsRefused() throws Exception {
        String one = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n";
        project.write("ext/x.jsonl", one.formatted("ext-x"));
        project.write("ext2/y.jsonl", one.formatted("ext-y"));
        String before = project.read("ext/x.jsonl");
        try {
            Files.createSymbolicLink(project.path("transcripts/shared"), Path.of("../ext"));
            Files.createSymbolicLink(project.path("transcripts/link.jsonl"), Path.of("../ext2/y.jsonl"));
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "symbolic links: " + e);
        }
        assertPlainUsageError(replay("transcripts", "--junit", "ext/x.jsonl"), "--junit ext/x.jsonl: is read as an input (it is in transcripts)");
        assertPlainUsageError(replay("transcripts", "--markdown", "ext2/y.jsonl"), "--markdown ext2/y.jsonl: is read as an input (it is in transcripts)");
        assertThat(project.read("ext/x.jsonl")).isEqualTo(before);
        // a file that does not exist yet, but that every later walk would read (and fail on)
        assertPlainUsageError(replay("transcripts", "--markdown", "transcripts/report.jsonl"),
                "--markdown transcripts/report.jsonl: is read as an input (it is in transcripts)");
        assertThat(project.path("transcripts/report.jsonl")).doesNotExist();
    }

    @Test
    void theConfigurationIsNotAReportFile() {
        assertPlainUsageError(replay("--markdown", "guidelines/support.yaml"),
                "--markdown guidelines/support.yaml: is also an input (--config guidelines/support.yaml)");
    }

    @Test
    void theEvaluationSettingsTheProjectFileAndTheFilesTheSettingsNameAreNotReportFiles() throws Exception {
        // a --save-baseline over the hand-tuned settings once replaced them with a JSON report, exit 0
        project.write("guidelines/support.eval.yaml", "gate:\n  max_fp_rate: 0.5\n");
        String settings = project.read("guidelines/support.eval.yaml");
        assertPlainUsageError(replay("--save-baseline", "guidelines/support.eval.yaml"),
                "--save-baseline guidelines/support.eval.yaml: is also an input (the evaluation settings guidelines/support.eval.yaml)");
        assertPlainUsageError(replay("--junit", "handoff.yaml"), "--junit handoff.yaml: is also an input (the project file handoff.yaml)");
        assertThat(project.read("guidelines/support.eval.yaml")).isEqualTo(settings);

        // BASE's settings too
        Files.copy(project.path("guidelines/support.yaml"), project.path("base.yaml"));
        project.write("base.eval.yaml", settings);
        assertPlainUsageError(replay("--compare", "base.yaml", "--markdown", "base.eval.yaml"),
                "--markdown base.eval.yaml: is also an input (the evaluation settings base.eval.yaml)");
        assertThat(project.read("base.eval.yaml")).isEqualTo(settings);

        // what the settings name for the embedding classifier: a probe file, training verdicts and transcripts
        project.write("guidelines/support.eval.yaml", """
                classifier:
                  embedding:
                    reference_probes: probes.txt
                    training:
                      transcripts: [../training]
                      verdicts: [training.verdicts.jsonl]
                """);
        project.write("guidelines/probes.txt", "");
        project.write("guidelines/training.verdicts.jsonl", "");
        project.write("training/one.yaml", "id: one\nmessages:\n  - role: user\n    text: hi\nexpect:\n  handoff: false\n");
        var embedding = new java.util.ArrayList<>(java.util.List.of("replay", "--classifier", "embedding"));
        for (String[] c : new String[][] {
                {"--junit", "guidelines/probes.txt", "(classifier.embedding.reference_probes guidelines/probes.txt)"},
                {"--markdown", "guidelines/training.verdicts.jsonl", "(classifier.embedding.training.verdicts[0] guidelines/training.verdicts.jsonl)"},
                {"--save-baseline", "training/one.yaml", "(it is in classifier.embedding.training.transcripts[0] training)"}}) {
            var args = new java.util.ArrayList<>(embedding);
            args.addAll(java.util.List.of(c[0], c[1]));
            var r = run(args.toArray(String[]::new));
            assertPlainUsageError(r, c[0] + " " + c[1] + ": ");
            assertThat(r.err()).contains(c[2]);
        }
    }

    @Test
    void twoReportOptionsNamingOneFileAreRefused() throws Exception {
        assertPlainUsageError(replay("--junit", "r.txt", "--markdown", "./r.txt"), "--junit r.txt and --markdown ./r.txt are the same file");
        assertPlainUsageError(replay("--markdown", "r.txt", "--save-baseline", "r.txt"), "--markdown r.txt and --save-baseline r.txt are the same file");
        Files.writeString(project.path("target.txt"), "");
        Files.createSymbolicLink(project.path("link.txt"), Path.of("target.txt"));
        assertPlainUsageError(replay("--junit", "target.txt", "--markdown", "link.txt"), "--junit target.txt and --markdown link.txt are the same file");
        assertThat(Files.exists(project.path("r.txt"))).as("nothing was written").isFalse();
    }

    @Test
    void theBaselineMayStillBeSavedOverItselfButNotOverAnotherOutput() {
        assertThat(replay("--save-baseline", "b.json").exitCode()).isZero();
        var same = replay("--baseline", "b.json", "--save-baseline", "./b.json");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertPlainUsageError(replay("--baseline", "b.json", "--junit", "b.json"), "--junit b.json: is also an input (--baseline b.json)");
    }

    @Test
    void reportMergeDoesNotWriteOverAShardReport() {
        var shard = replay("-o", "json");
        project.write("shard.json", shard.out());
        var r = run("report", "merge", "shard.json", "--save-baseline", "shard.json");
        assertPlainUsageError(r, "--save-baseline shard.json: is also an input (shard.json)");
        assertThat(project.read("shard.json")).isEqualTo(shard.out());
    }
}
