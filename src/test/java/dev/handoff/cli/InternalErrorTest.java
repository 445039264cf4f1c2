package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Error thrown while a command runs (a full heap, a stack overflow) is not an exception picocli
 * hands to the error handler: it reached the JVM, which printed its stack trace and exited 1, the
 * code CI reads as "the file is invalid". It is an internal error like any other bug.
 */
class InternalErrorTest {

    @TempDir
    Path home;

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), new CliHarness(home).dirs(), home, new ByteArrayInputStream(new byte[0]), false);
        CommandLine cl = Cli.create(ctx, new PrintWriter(out, true), new PrintWriter(err, true));
        cl.addSubcommand("boom", new Boom());
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void outOfMemoryIsAnInternalErrorInTwoPlainLines() {
        Run r = run("boom");
        assertThat(r.code()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.err()).isEqualTo("handoff: internal error: out of memory (Java heap space)\n"
                + "  handoff ran out of memory; that is a bug on any input it accepts: run again with --verbose and report the"
                + " output (exit code 70)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run r = run("--verbose", "boom");
        assertThat(r.code()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.err()).startsWith("handoff: internal error: out of memory (Java heap space)\n")
                .contains("java.lang.OutOfMemoryError: Java heap space").contains("at dev.handoff.cli.InternalErrorTest$Boom.call");
    }
}
