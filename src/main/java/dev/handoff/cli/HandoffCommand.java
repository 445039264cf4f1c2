package dev.handoff.cli;

import dev.handoff.secret.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "handoff",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Admin and evaluation tool for the human-handoff side of AI chatbots.",
        description = {
                "Keep handoff configuration in git (fetch, diff, validate, push), measure how often each "
                        + "criterion fires when it should not (replay), and watch the live queue of conversations waiting "
                        + "for a person (inbox serve, tail).",
                ""},
        footerHeading = "%nSee also:%n",
        footer = "  handoff replay --help    # any COMMAND --help: its options and examples")
public final class HandoffCommand implements Runnable {

    private final CliContext context;
    private final Redactor redactor;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private boolean verbose;
    private boolean noColor;
    private java.io.PrintWriter progressErr;
    private dev.handoff.text.TerminalWriter humanOut;

    HandoffCommand(CliContext context, Redactor redactor) {
        this.context = context;
        this.redactor = redactor;
    }

    /** The secrets this run knows; stdout and stderr are masked with it. */
    public Redactor redactor() {
        return redactor;
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail: stack traces on errors, and on commands that talk to a server, each request (tokens redacted).")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "Never colour the output (also when NO_COLOR is set). Colour is only used on a terminal.")
    void setNoColor(boolean noColor) {
        this.noColor = noColor;
    }

    public boolean verbose() {
        return verbose;
    }

    /**
     * Stderr without the escaping of the command's {@code err()} (still redacted): for the progress
     * line's carriage return and erase-line, which must reach the terminal as controls. Its text
     * is escaped by the progress line itself.
     */
    java.io.PrintWriter progressErr() {
        return progressErr;
    }

    void progressErr(java.io.PrintWriter err) {
        this.progressErr = err;
    }

    /** Stdout for people: control characters in what it prints are shown escaped ({@link dev.handoff.text.TerminalWriter}). */
    dev.handoff.text.TerminalWriter humanOut() {
        return humanOut;
    }

    void humanOut(dev.handoff.text.TerminalWriter out) {
        this.humanOut = out;
    }

    /** Colour only on a terminal, never with --no-color or NO_COLOR. */
    public boolean color() {
        String noColorEnv = context.env("NO_COLOR");
        return !noColor && (noColorEnv == null || noColorEnv.isEmpty()) && context.interactive();
    }

    public CliContext context() {
        return context;
    }

    static HandoffCommand root(CommandLine commandLine) {
        return (HandoffCommand) commandLine.getCommandSpec().root().userObject();
    }

    @Override
    public void run() {
        throw missingCommand(spec);
    }

    /**
     * A command given without its subcommand is a usage error (exit 2), not a request for help:
     * a script that dropped a word must not pass. --help still prints the help and exits 0.
     */
    static CommandLine.ParameterException missingCommand(CommandLine.Model.CommandSpec spec) {
        java.util.List<String> names = java.util.List.copyOf(spec.subcommands().keySet());
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return new CommandLine.ParameterException(spec.commandLine(),
                "missing command after '" + spec.qualifiedName() + "': " + list);
    }
}
