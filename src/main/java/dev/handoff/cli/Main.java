package dev.handoff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public final class Main {

    private static final String WRITE_FAILED = "handoff: could not write the output (disk full, or the reader went away)";

    private Main() {
    }

    /** An unwritten answer is no answer: 0 and 1 become 2; other errors keep their own code. */
    private static int failedWrite(int code) {
        return code == ExitCode.OK || code == ExitCode.CHECK_FAILED ? ExitCode.USAGE : code;
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
        int code = run(CliContext.system(), out, err, args);
        // System.out is a PrintStream, which also keeps quiet about failed writes
        if (System.out.checkError() && !out.checkError()) {
            err.println(WRITE_FAILED);
            code = failedWrite(code);
        }
        System.exit(code);
    }

    static int run(CliContext context, PrintWriter out, PrintWriter err, String[] args) {
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
            err.println(WRITE_FAILED);
            code = failedWrite(code);
        }
        err.flush();
        return code;
    }
}
