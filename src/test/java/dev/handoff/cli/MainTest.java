package dev.handoff.cli;

import dev.handoff.config.UserDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The process entry point builds only the command being run; what the user sees must not change. */
class MainTest {

    @TempDir
    Path home;

    private record Run(int code, String out, String err) {
    }

    private Run viaMain(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), UserDirs.from(Map.of(), home), home, new ByteArrayInputStream(new byte[0]), false);
        int code = Main.run(ctx, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run viaWholeTree(String... args) {
        var r = new CliHarness(home).run(args);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    @Test
    void versionFastPathPrintsWhatPicocliPrints() {
        assertThat(viaMain("--version")).isEqualTo(viaWholeTree("--version"));
        assertThat(viaMain("-V")).isEqualTo(viaWholeTree("-V"));
    }

    @Test
    void oneCommandTreeGivesTheSameHelpErrorsAndExitCodes() {
        for (String[] args : new String[][]{
                {"validate", "--help"}, {"replay", "--help"}, {"inbox", "serve", "--help"},
                {"validate", "--bogus"}, {"validate", "missing.yaml"}, {"validate", "--no-color", "missing.yaml"},
                {"--help"}, {"vaildate"}, {"help", "validate"}}) {
            assertThat(viaMain(args)).as(String.join(" ", args)).isEqualTo(viaWholeTree(args));
        }
    }

    @Test
    void everyCommandIsReachableThroughTheOneCommandTree() {
        for (Class<?> command : Cli.COMMANDS) {
            String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(viaMain(name, "--help").code()).as(name).isZero();
        }
    }

    @Test
    void aFailedWriteToStdoutIsAnErrorNotSuccess() {
        StringWriter err = new StringWriter();
        // what a full disk (/dev/full) does to every write
        java.io.Writer full = new java.io.Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void flush() throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        };
        CliContext ctx = new CliContext(Map.of(), UserDirs.from(Map.of(), home), home, new ByteArrayInputStream(new byte[0]), false);
        int code = Main.run(ctx, new PrintWriter(full, true), new PrintWriter(err, true), new String[] {"--help"});
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("could not write the output");
    }

    @Test
    void aPipeWhoseReaderLeftEndsQuietlyWith141AndAnythingElseIsSaidAndNeverZero() {
        StringWriter err = new StringWriter();
        assertThat(Main.outputLost(new PrintWriter(err, true), ExitCode.OK, true)).isEqualTo(141);
        assertThat(Main.outputLost(new PrintWriter(err, true), ExitCode.CHECK_FAILED, true)).isEqualTo(141);
        assertThat(err.toString()).isEmpty();
        assertThat(Main.outputLost(new PrintWriter(err, true), ExitCode.OK, false)).isEqualTo(ExitCode.USAGE);
        assertThat(Main.outputLost(new PrintWriter(err, true), ExitCode.REMOTE, false)).isEqualTo(ExitCode.REMOTE);
        assertThat(err.toString()).contains("could not write the output (disk full");
    }
}
