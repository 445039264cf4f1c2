package dev.handoff.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Builds the command line; tests call {@link #create} with their own writers and context. */
public final class Cli {

    private Cli() {
    }

    public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
        HandoffCommand root = new HandoffCommand(context);
        CommandLine cl = new CommandLine(root);
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodeHelp(cl);
        return cl;
    }

    private static void applyExitCodeHelp(CommandLine cl) {
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        cl.getSubcommands().values().forEach(Cli::applyExitCodeHelp);
    }
}
