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
        assertThat(r.err()).contains("unknown option '--frobnicate'").contains("--help");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void aMistypedCommandGetsTheNearestOne() {
        var r = new CliHarness(home).run("valdate", "guidelines/");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("handoff: unknown command 'valdate'").contains("did you mean: validate?")
                .doesNotContain("Unmatched arguments");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    @Test
    void aMistypedOptionGetsTheNearestOne() {
        var r = new CliHarness(home).run("validate", "--stirct", "x.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown option '--stirct'").contains("did you mean: --strict?")
                .contains("try 'handoff validate --help'");
    }

    @Test
    void aCommandsDashCapitalVIsNoSilentSuccess() {
        // picocli's standard -V on a command printed nothing, ran nothing and exited 0: a typo of -v passed a CI gate
        var r = new CliHarness(home).run("replay", "-V", "--max-fp-rate", "0%");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unknown option '-V'").contains("did you mean: -v (--verbose)?");
        var version = new CliHarness(home).run("validate", "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("handoff ");
        var nested = new CliHarness(home).run("inbox", "serve", "--version");
        assertThat(nested.out()).startsWith("handoff ");
        assertThat(new CliHarness(home).run("--version").out()).isEqualTo(new CliHarness(home).run("-V").out());
    }

    @Test
    void aValueOutsideAChoiceIsSaidInPlainWords() {
        var shell = new CliHarness(home).run("completion", "fish");
        assertThat(shell.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(shell.err()).startsWith("handoff: SHELL 'fish': expected one of bash, zsh\n").doesNotContain("positional parameter at index");
        var output = new CliHarness(home).run("validate", "-o", "yaml", "x.yaml");
        assertThat(output.err()).startsWith("handoff: --output 'yaml': expected one of text, json\n");
    }

    @Test
    void theNearestOptionIsSuggestedFirst() {
        var r = new CliHarness(home).run("replay", "--max-fp-rat", "2%");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("did you mean: --max-fp-rate, ");
        var withValue = new CliHarness(home).run("replay", "--max-fp-rat=2%");
        assertThat(withValue.err()).contains("did you mean: --max-fp-rate, ");
    }

    @Test
    void aMissingCommandIsAUsageErrorNotHelp() {
        var r = new CliHarness(home).run();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("handoff: missing command after 'handoff': fetch, diff, push, ")
                .contains("completion or help").contains("try 'handoff --help'");
        assertThat(r.err().lines().count()).isEqualTo(2);
        for (String[] args : new String[][]{{"inbox"}, {"report"}, {"transcripts"}, {"-v", "inbox"}}) {
            var sub = new CliHarness(home).run(args);
            assertThat(sub.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(sub.out()).isEmpty();
            assertThat(sub.err()).contains("missing command after 'handoff " + args[args.length - 1] + "': ");
        }
        assertThat(new CliHarness(home).run("inbox").err()).contains("': serve or stats")
                .contains("try 'handoff inbox --help'");
        assertThat(new CliHarness(home).run("inbox", "--help").exitCode()).isZero();
        assertThat(new CliHarness(home).run("help").exitCode()).isZero();
    }

    @Test
    void picocliErrorsAreNotPrefixedTwice() {
        var r = new CliHarness(home).run("tail");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: ").doesNotContain("Error: ");
    }

    @Test
    void helpWalksDownToASubcommand() {
        var r = new CliHarness(home).run("help", "transcripts", "import");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: handoff transcripts import").contains("--text-column");
        var unknown = new CliHarness(home).run("help", "transcripts", "exportt");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("unknown command 'exportt'");
    }

    @Test
    void theInternalErrorCodeIsNoAnswerCode() {
        assertThat(ExitCode.INTERNAL).isNotIn(ExitCode.OK, ExitCode.CHECK_FAILED, ExitCode.USAGE, ExitCode.REMOTE,
                ExitCode.AUTH, ExitCode.CONFLICT);
        var r = new CliHarness(home).run("--help");
        assertThat(r.out()).contains("70").contains("internal error");
    }

    @Test
    void versionNamesTheTool() {
        var r = new CliHarness(home).run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("handoff ");
    }
}
