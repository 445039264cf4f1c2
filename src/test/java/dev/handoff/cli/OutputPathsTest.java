package dev.handoff.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Output paths are checked before any work, with one plain line; a failed write is never exit 0. */
class OutputPathsTest {

    @TempDir
    Path home;

    ReplayProject project;

    @BeforeEach
    void setUp() {
        project = new ReplayProject(home.resolve("project"));
    }

    CliHarness.Result replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay", "--classifier", "scripted"));
        all.addAll(List.of(args));
        return new CliHarness(home).workDir(project.dir).run(all.toArray(String[]::new));
    }

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
        var r = new CliHarness(home).workDir(project.dir).run("report", "merge", "transcripts");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("transcripts: is a folder, not a report").doesNotContain("Is a directory");
    }

    @Test
    void importOutIsCheckedBeforeReading() throws Exception {
        Files.writeString(project.dir.resolve("in.csv"), "text,label\nhello,a\n");
        var r = new CliHarness(home).workDir(project.dir).run("transcripts", "import", "--text-column", "text",
                "--label-column", "label", "--out", "transcripts", "in.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--out transcripts: is a folder");
    }
}
