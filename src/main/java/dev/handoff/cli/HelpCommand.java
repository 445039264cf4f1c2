package dev.handoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code handoff help [COMMAND...]}: picocli's own help command shows only the first level, so
 * {@code handoff help transcripts import} printed the help of {@code transcripts}.
 */
@Command(name = "help", helpCommand = true,
        header = "Display help information about the specified command.",
        synopsisHeading = "%nUsage: ",
        footerHeading = "%nExamples:%n",
        footer = {"  handoff help replay",
                "  handoff help transcripts import"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", completionCandidates = CommandNames.class,
            description = "The command (and subcommand) to show the help of.")
    List<String> commands = new ArrayList<>();

    /** For shell completion: the top-level commands. */
    static final class CommandNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Cli.COMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).iterator();
        }
    }

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : commands) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "unknown command '" + name + "' in 'handoff help "
                        + String.join(" ", commands) + "'", null, name);
            }
            target = next;
        }
        target.usage(out, colors);
    }
}
