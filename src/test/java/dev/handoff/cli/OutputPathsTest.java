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
        var r = replay("--markdown", "/dev/full");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("/dev/full: no space left on device").doesNotContain("Exception");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).as("the device was not replaced by a file").isFalse();
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
    void theConfigurationIsNotAReportFile() {
        assertPlainUsageError(replay("--markdown", "guidelines/support.yaml"),
                "--markdown guidelines/support.yaml: is also an input (--config guidelines/support.yaml)");
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
