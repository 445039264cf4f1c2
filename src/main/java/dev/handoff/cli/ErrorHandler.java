package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

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
            err.println("handoff: " + io.getClass().getSimpleName() + ": " + io.getMessage());
            err.println("  check the path and permissions; run with --verbose for details");
            code = ExitCode.USAGE;
        } else {
            err.println("handoff: internal error: " + cause);
            err.println("  this is a bug; run again with --verbose and report the output");
            code = ExitCode.CHECK_FAILED;
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
        err.println("handoff: " + ex.getMessage());
        err.println("  try '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE;
    }
}
