package dev.handoff.cli;

import dev.handoff.config.UserDirs;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The whole command tree, built as Main builds it, for tests that read every command's help. */
final class CommandTree {

    private CommandTree() {
    }

    static CommandLine cli() {
        CliContext ctx = new CliContext(Map.of(), UserDirs.from(Map.of(), Path.of("/nonexistent")), Path.of("/nonexistent"),
                new ByteArrayInputStream(new byte[0]), false);
        return Cli.create(ctx, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    /** The command and every subcommand under it, depth first. */
    static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> list = new ArrayList<>(List.of(cl));
        cl.getSubcommands().values().forEach(sub -> list.addAll(all(sub)));
        return list;
    }
}
