package dev.handoff.cli;

import dev.handoff.secret.RedactingWriter;
import dev.handoff.secret.Redactor;
import dev.handoff.text.EscapingWriter;
import dev.handoff.text.TerminalWriter;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Builds the command line; tests call {@link #create} with their own writers and context. */
public final class Cli {

    /** The top-level commands, in the order {@code handoff --help} lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            FetchCommand.class,
            DiffCommand.class,
            PushCommand.class,
            RestoreCommand.class,
            ValidateCommand.class,
            ReplayCommand.class,
            TranscriptsCommand.class,
            ReportCommand.class,
            InboxCommand.class,
            TailCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

    /** Commands that need the whole command tree, not just themselves. */
    private static final Set<String> NEED_ALL = Set.of("completion", "help");

    private Cli() {
    }

    /** The whole command tree. */
    public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
        return build(context, out, err, COMMANDS);
    }

    /**
     * The tree for one run: only the command named by the first argument when there is one.
     * Building picocli's model by reflection is most of a short command's start-up, and CI calls
     * `handoff validate` many times; usage, errors and help of that command are the same.
     */
    public static CommandLine createFor(CliContext context, PrintWriter out, PrintWriter err, String[] args) {
        if (args.length > 0 && !NEED_ALL.contains(args[0])) {
            for (Class<?> command : COMMANDS) {
                if (args[0].equals(command.getAnnotation(CommandLine.Command.class).name())) {
                    return build(context, out, err, List.of(command));
                }
            }
        }
        return create(context, out, err);
    }

    private static CommandLine build(CliContext context, PrintWriter out, PrintWriter err, List<Class<?>> commands) {
        // the one redaction point of the command line: every line a command, picocli or the error
        // handler prints passes through it, masking every secret the run has learnt by then
        Redactor redactor = new Redactor();
        HandoffCommand root = new HandoffCommand(context, redactor);
        CommandLine cl = new CommandLine(root);
        commands.forEach(cl::addSubcommand);
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(ErrorHandler.catchingErrors(new CommandLine.RunLast()));
        // stdout: one redacting writer, written to byte for byte for programs (picocli's help, -o json,
        // fetch --stdout) and through the escaping TerminalWriter for people (reports, diffs, notes)
        java.io.Writer stdout = RedactingWriter.ofStdout(out, redactor);
        cl.setOut(new PrintWriter(stdout, true));
        root.humanOut(new TerminalWriter(stdout));
        // stderr quotes servers and files (warnings, connection states, request logs, errors):
        // controls in it are shown escaped; only the progress line writes its own, on a side channel
        cl.setErr(RedactingWriter.wrap(new EscapingWriter(err), redactor));
        root.progressErr(RedactingWriter.wrap(err, redactor));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        applyExitCodeHelp(cl);
        verbatimFooters(cl);
        cl.getSubcommands().values().forEach(Cli::versionWithoutShortName);
        return cl;
    }

    /**
     * A command's {@code --version} prints the version, as {@code handoff --version} does; only the
     * top level keeps {@code -V}. On a command it is one case away from {@code -v}: picocli's
     * standard {@code -V} there printed nothing and ran nothing with exit 0, so
     * {@code handoff replay -V --max-fp-rate 0%} passed a CI gate. Now it is an unknown option (exit 2).
     */
    private static void versionWithoutShortName(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        CommandLine.Model.OptionSpec standard = spec.findOption("--version");
        if (standard != null) {
            spec.remove(standard);
            spec.addOption(CommandLine.Model.OptionSpec.builder("--version")
                    .versionHelp(true)
                    .description("Print version information and exit.")
                    .build());
        }
        spec.versionProvider(new VersionProvider());
        cl.getSubcommands().values().forEach(Cli::versionWithoutShortName);
    }

    /**
     * Examples footers are printed as written, never wrapped to the terminal's width: a wrapped
     * example breaks mid-string when pasted. The terminal soft-wraps a long line, which copies whole.
     */
    private static void verbatimFooters(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            StringBuilder b = new StringBuilder();
            for (String line : help.commandSpec().usageMessage().footer()) {
                b.append(String.format(line)).append(System.lineSeparator());
            }
            return b.toString();
        });
        cl.getSubcommands().values().forEach(Cli::verbatimFooters);
    }

    private static void applyExitCodeHelp(CommandLine cl) {
        cl.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        cl.getSubcommands().values().forEach(Cli::applyExitCodeHelp);
    }
}
