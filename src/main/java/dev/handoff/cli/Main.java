package dev.handoff.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // straight to the file descriptor, not through System.out: a PrintStream swallows write
        // errors, so a closed pipe (tail | head) would never be seen by out.checkError()
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(CliContext.system(), out, err, args));
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
        err.flush();
        return code;
    }
}
