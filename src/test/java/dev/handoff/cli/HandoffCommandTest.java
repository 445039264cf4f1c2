package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffCommandTest {

    @TempDir
    Path home;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        var r = new CliHarness(home).run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("fetch", "diff", "push", "validate", "replay", "inbox", "tail", "completion");
        assertThat(r.out()).contains("Exit codes:", "conflict: the remote changed");
    }

    @Test
    void unknownOptionIsAUsageErrorWithAHint() {
        var r = new CliHarness(home).run("--frobnicate");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'").contains("--help");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void versionNamesTheTool() {
        var r = new CliHarness(home).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("handoff ");
    }
}
