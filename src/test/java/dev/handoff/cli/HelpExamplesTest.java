package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every line of every Examples footer runs when pasted: a comment starts with '#', a command
 * is one line (or ends in '\' to go on), and each {@code handoff ...} part parses. The footer
 * is printed as written at any terminal width, so nothing is wrapped mid-string.
 */
class HelpExamplesTest {

    /** Programs an example may use besides handoff. */
    private static final Set<String> SHELL = Set.of("export", "source", "jq", "cat", "curl", "mkdir", "cp", "git", "ls", "printf");
    private static final Pattern REPOSITORY_FILE = Pattern.compile("(?:[\\w.-]+:)?((?:guidelines|transcripts)/\\S*)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Z_][A-Z0-9_]*=\\S*");

    @Test
    void everyExampleOfEveryCommandParses() {
        List<String> checked = new ArrayList<>();
        walk(CommandTree.cli(), checked);
        assertThat(checked).as("examples found").hasSizeGreaterThan(20);
    }

    /**
     * Files of this repository an example names (guidelines/..., transcripts/..., also as
     * git show REF:PATH) exist, so the example runs as printed in a checkout.
     */
    @Test
    void theRepositoryFilesExamplesNameExist() {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (CommandLine cl : CommandTree.all(CommandTree.cli())) {
            for (String raw : cl.getCommandSpec().usageMessage().footer()) {
                for (String word : ShellWords.split(String.format(raw).strip())) {
                    var m = REPOSITORY_FILE.matcher(word);
                    if (m.matches()) {
                        named++;
                        if (!java.nio.file.Files.exists(Path.of(m.group(1)))) {
                            missing.add(cl.getCommandSpec().qualifiedName() + ": " + word);
                        }
                    }
                }
            }
        }
        assertThat(named).as("repository files named in examples").isGreaterThan(5);
        assertThat(missing).as("examples naming files the repository does not have").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {55, 80, 200})
    void footersArePrintedAsWrittenAtAnyWidth(int width) {
        CommandLine root = CommandTree.cli();
        for (CommandLine cl : CommandTree.all(root)) {
            cl.setUsageHelpWidth(width);
            cl.setUsageHelpAutoWidth(false);
            String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : cl.getCommandSpec().usageMessage().footer()) {
                assertThat(usage).as(cl.getCommandSpec().qualifiedName() + " at width " + width)
                        .contains(String.format(line));
            }
        }
    }

    private void walk(CommandLine cl, List<String> checked) {
        String[] footer = cl.getCommandSpec().usageMessage().footer();
        String pending = "";
        for (String raw : footer) {
            String line = String.format(raw).strip();
            if (line.endsWith("\\")) {
                pending += line.substring(0, line.length() - 1) + " ";
                continue;
            }
            line = pending + line;
            pending = "";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            checkCommandLine(cl.getCommandSpec().qualifiedName(), line);
            checked.add(line);
        }
        assertThat(pending).as(cl.getCommandSpec().qualifiedName() + ": an example ends in '\\'").isEmpty();
        cl.getSubcommands().values().forEach(sub -> walk(sub, checked));
    }

    private static void checkCommandLine(String command, String line) {
        List<String> words = ShellWords.split(line);
        int start = 0;
        while (start < words.size()) {
            int end = start;
            while (end < words.size() && !ShellWords.isOperator(words.get(end))) {
                end++;
            }
            List<String> simple = new ArrayList<>(words.subList(start, end));
            while (!simple.isEmpty() && ASSIGNMENT.matcher(simple.get(0)).matches()) {
                simple.remove(0);
            }
            // a loop's head and tail: "for i in 1 2 3 4; do handoff ...; done" checks the command in its body
            if (!simple.isEmpty() && Set.of("for", "done").contains(simple.get(0))) {
                simple.clear();
            } else if (!simple.isEmpty() && simple.get(0).equals("do")) {
                simple.remove(0);
            }
            if (!simple.isEmpty()) {
                String program = simple.get(0);
                if (program.equals("handoff")) {
                    try {
                        CommandTree.cli().parseArgs(simple.subList(1, simple.size()).toArray(String[]::new));
                    } catch (CommandLine.ParameterException e) {
                        fail(command + " --help: '" + line + "' does not parse: " + e.getMessage());
                    }
                } else if (!SHELL.contains(program)) {
                    fail(command + " --help: '" + line + "' is neither a command nor a '#' comment");
                }
            }
            // after a redirection the next word is its target, not a command
            start = end + 1;
            if (end < words.size() && ShellWords.isRedirection(words.get(end))) {
                start = words.size();
            }
        }
    }

    /** Enough of the shell's word splitting for examples: quotes, comments, operators. */
    static final class ShellWords {

        static boolean isOperator(String w) {
            return Set.of("|", "||", "&&", ";", ">", ">>", "<", "2>", "2>&1").contains(w);
        }

        static boolean isRedirection(String w) {
            return Set.of(">", ">>", "<", "2>").contains(w);
        }

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\'' || c == '"') {
                    int close = line.indexOf(c, i + 1);
                    if (close < 0) {
                        fail("unclosed quote in '" + line + "'");
                    }
                    word.append(line, i + 1, close);
                    inWord = true;
                    i = close;
                } else if (c == '#' && !inWord) {
                    break;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else if (c == '<' && i + 1 < line.length() && line.charAt(i + 1) == '(' || c == ')') {
                    // process substitution, <(handoff ...): its inside is a command of its own
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    words.add(";");
                    i += c == '<' ? 1 : 0;
                } else if ((c == '|' || c == '>' || c == '<' || c == ';' || c == '&') && !inWord) {
                    int j = i;
                    while (j < line.length() && "|><;&12".indexOf(line.charAt(j)) >= 0 && j - i < 4) {
                        j++;
                    }
                    words.add(line.substring(i, j));
                    i = j - 1;
                } else if (c == ';') {
                    // 'a; b' ends the word and the command, as in the shell
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    words.add(";");
                } else if (c == '>' && word.toString().equals("2")) {
                    word.append(c);
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
