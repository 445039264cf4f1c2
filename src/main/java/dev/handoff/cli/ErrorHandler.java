package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import dev.handoff.files.IoMessages;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place where exceptions become exit codes and messages. The user reads one or two
 * plain lines; the stack trace only with --verbose.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = HandoffCommand.root(commandLine).verbose();
        Throwable cause = ex;
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            cause = u.getCause();
        }
        int code;
        if (cause instanceof HandoffException h) {
            err.println("handoff: " + h.getMessage());
            if (h.hint() != null && !h.hint().isBlank()) {
                err.println("  " + h.hint());
            }
            code = ExitCode.of(h.kind());
        } else if (cause instanceof java.io.IOException io) {
            err.println("handoff: " + IoMessages.plain(io));
            err.println("  check the path, the permissions and the free space; run with --verbose for details");
            code = ExitCode.USAGE;
        } else {
            err.println("handoff: internal error: " + cause);
            err.println("  this is a bug; run again with --verbose and report the output (exit code " + ExitCode.INTERNAL + ")");
            code = ExitCode.INTERNAL;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String help = "try '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            boolean option = first.startsWith("-");
            boolean command = !option && !cmd.getSubcommands().isEmpty() && cmd.getCommandSpec().positionalParameters().isEmpty();
            String what = option ? "unknown option" : command ? "unknown command" : "unexpected argument";
            err.println("handoff: " + what + " '" + first + "'");
            List<String> suggestions = unmatched.getSuggestions();
            err.println("  " + (suggestions.isEmpty() ? "" : "did you mean: " + String.join(", ", suggestions) + "? ") + help);
        } else {
            err.println("handoff: " + withoutPrefix(ex.getMessage()));
            err.println("  " + help);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /** picocli starts some messages with "Error: "; ours already start with "handoff: ". */
    private static String withoutPrefix(String message) {
        String m = message == null ? "" : message;
        return m.startsWith("Error: ") ? m.substring("Error: ".length()) : m;
    }
}
