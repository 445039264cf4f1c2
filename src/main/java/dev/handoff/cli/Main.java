package dev.handoff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public final class Main {

    private static final String WRITE_FAILED = "handoff: could not write the output (disk full, or stdout closed)";

    private Main() {
    }

    /** An unwritten answer is no answer: 0 and 1 become 2; other errors keep their own code. */
    private static int failedWrite(int code) {
        return code == ExitCode.OK || code == ExitCode.CHECK_FAILED ? ExitCode.USAGE : code;
    }

    /**
     * The exit of a run whose stdout could not be written. A pipe cannot be full: its reader left
     * (| head, | less quit early), and a Unix tool then ends quietly with 141 (128 + SIGPIPE), as
     * the JVM, which ignores SIGPIPE, would not. Anything else (a full disk) is said and is an error.
     */
    static int outputLost(PrintWriter err, int code, boolean stdoutIsPipe) {
        if (stdoutIsPipe) {
            return ExitCode.BROKEN_PIPE;
        }
        err.println(WRITE_FAILED);
        return failedWrite(code);
    }

    private static boolean stdoutIsPipe() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (java.io.IOException | RuntimeException e) {
            return false; // not Linux: said, as before
        }
    }

    public static void main(String[] args) {
        // straight to the file descriptor, not through System.out: a PrintStream swallows write
        // errors, so a closed pipe (tail | head) would never be seen by out.checkError()
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // the command's own thread is covered by ErrorHandler; a full heap on any other thread (a
        // server's, a warm-up's) ends the run the same way, with two lines instead of a stack trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError) {
                ErrorHandler.internal(err, e);
                err.flush();
                System.exit(ExitCode.INTERNAL);
            }
            System.err.print("Exception in thread \"" + thread.getName() + "\" "); // what the JVM prints without a handler
            e.printStackTrace();
        });
        int code = run(CliContext.system(), out, err, args, Main::stdoutIsPipe);
        // System.out is a PrintStream, which also keeps quiet about failed writes
        if (System.out.checkError() && !out.checkError()) {
            code = outputLost(err, code, stdoutIsPipe());
            err.flush();
        }
        System.exit(code);
    }

    static int run(CliContext context, PrintWriter out, PrintWriter err, String[] args) {
        return run(context, out, err, args, () -> false);
    }

    /** @param stdoutIsPipe asked only when {@code out} failed: whether it writes to a pipe */
    static int run(CliContext context, PrintWriter out, PrintWriter err, String[] args,
                   java.util.function.BooleanSupplier stdoutIsPipe) {
        int code;
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the same lines picocli prints, without building the command model first
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            code = ExitCode.OK;
        } else {
            code = Cli.createFor(context, out, err, args).execute(args);
        }
        out.flush();
        if (out.checkError()) {
            // PrintWriter keeps quiet about failed writes: a full disk or a closed pipe must not end in exit 0
            code = outputLost(err, code, stdoutIsPipe.getAsBoolean());
        }
        err.flush();
        return code;
    }
}
