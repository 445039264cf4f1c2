package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's and subcommand's --help, as printed when stdout is not a terminal (80
 * columns): no line is wider, no word, path or URL of a description is split over two lines,
 * each command's one-line summary is a whole sentence, and every command prints it the same way.
 */
class HelpLayoutTest {

    private static final int WIDTH = 80;

    @Test
    void noLineOfAnyHelpIsWiderThan80Columns() {
        List<String> tooWide = new ArrayList<>();
        for (CommandLine cl : CommandTree.all(CommandTree.cli())) {
            for (String line : help(cl).split("\\R")) {
                if (line.length() > WIDTH) {
                    tooWide.add(cl.getCommandSpec().qualifiedName() + ": " + line.length() + ": " + line);
                }
            }
        }
        assertThat(tooWide).as("help lines wider than " + WIDTH + " columns").isEmpty();
    }

    @Test
    void noWordOfADescriptionIsSplitOverTwoLines() {
        List<String> split = new ArrayList<>();
        for (CommandLine cl : CommandTree.all(CommandTree.cli())) {
            CommandSpec spec = cl.getCommandSpec();
            // wrapped only between words, the help with its line breaks and indents as single
            // spaces holds each description as written; 'e.g.' broken after 'e.' reads 'e. g.'
            String help = oneLine(help(cl));
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
            for (ArgSpec arg : spec.args()) {
                if (!arg.hidden()) {
                    texts.addAll(List.of(arg.description()));
                }
            }
            for (String text : texts) {
                String expected = oneLine(format(text));
                if (!help.contains(expected)) {
                    split.add(spec.qualifiedName() + ": '" + expected + "'");
                }
            }
        }
        assertThat(split).as("descriptions broken inside a word").isEmpty();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    @Test
    void everySummaryIsOneWholeSentenceShownBelowTheUsage() {
        for (CommandLine cl : CommandTree.all(CommandTree.cli())) {
            CommandSpec spec = cl.getCommandSpec();
            if (spec.parent() == null) {
                continue;
            }
            String name = spec.qualifiedName();
            String[] header = spec.usageMessage().header();
            String[] description = spec.usageMessage().description();
            if (spec.helpCommand()) {
                assertThat(header).as(name).hasSize(1);
                continue;
            }
            assertThat(header).as(name + ": a header is printed above 'Usage:', unlike the other commands").isEmpty();
            assertThat(description).as(name).isNotEmpty();
            assertThat(description[0]).as(name + ": its summary in the parent's list of commands").endsWith(".");
            assertThat(help(cl)).as(name).startsWith("Usage: ");
        }
    }

    @Test
    void theMergeSummaryIsCompleteInTheListOfReportCommands() {
        var r = new CliHarness(Path.of("/nonexistent")).run("report", "--help");
        String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:"));
        assertThat(commands.strip()).endsWith("into one report.").doesNotContain("--max-fp-rate and");
        var merge = new CliHarness(Path.of("/nonexistent")).run("report", "merge", "--help");
        assertThat(merge.out().replaceAll("\\s+", " ")).contains("Shards must come from one run: the same configuration");
    }

    private static String format(String text) {
        try {
            return String.format(text);
        } catch (java.util.IllegalFormatException e) {
            return text;
        }
    }

    private static String help(CommandLine cl) {
        StringWriter out = new StringWriter();
        cl.setUsageHelpWidth(WIDTH);
        cl.setUsageHelpAutoWidth(false);
        cl.usage(new PrintWriter(out), CommandLine.Help.Ansi.OFF);
        return out.toString();
    }
}
