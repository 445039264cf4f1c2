package dev.handoff.cli;

import dev.handoff.files.AtomicFiles;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Shell completion scripts generated from the live command model by picocli, so they follow
 * every option other commands add. {@code completions/} holds the committed copies; a test
 * fails when they differ from what the model generates. Regenerate with
 * {@code ./mvnw -q -Pcompletions process-classes} (runs {@link #main}).
 */
public final class CompletionScripts {

    public static final String BASH_FILE = "handoff.bash";

    private static final Pattern OPTION_LIST = Pattern.compile("(?m)^(\\s*local (?:flag|arg)_opts=\")([^\"]*)\"");
    public static final String ZSH_FILE = "_handoff";

    /** Committed files are plain readable files, not the 0600 of a temporary file. */
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE =
            PosixFilePermissions.fromString("rw-r--r--");

    private CompletionScripts() {
    }

    public static String bash(CommandLine commandLine) {
        return stableOptionOrder(AutoComplete.bash("handoff", commandLine));
    }

    /**
     * Options declared on annotated methods (the root's --verbose and --no-color) reach picocli in
     * the JVM's reflection order, which changes from run to run; the lists of option names are
     * sorted so that the same model always gives the same script. Their order means nothing to
     * compgen.
     */
    static String stableOptionOrder(String script) {
        Matcher m = OPTION_LIST.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sorted = m.group(2).isBlank() ? m.group(2)
                    : Arrays.stream(m.group(2).trim().split(" ")).sorted().collect(Collectors.joining(" "));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + sorted + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * For zsh: picocli's bash script through zsh's bashcompinit, as a file that works both on
     * the {@code fpath} (autoloaded as {@code _handoff} on the first TAB) and sourced from
     * {@code .zshrc}.
     */
    public static String zsh(CommandLine commandLine) {
        String bash = bash(commandLine);
        String body = bash.startsWith("#!") ? bash.substring(bash.indexOf('\n') + 1) : bash;
        return "#compdef handoff\n"
                + "# zsh completion for handoff, generated from the command model (picocli's bash script run through\n"
                + "# zsh's bashcompinit). Either put this folder on the fpath before compinit:\n"
                + "#   fpath=(/path/to/handoff/completions $fpath); autoload -U compinit && compinit\n"
                + "# or source the file after compinit:\n"
                + "#   source /path/to/handoff/completions/_handoff\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + body
                + "\n# Autoloaded from the fpath, this file is the body of _handoff and must answer the first TAB too.\n"
                + "if [[ ${funcstack[1]} == _handoff ]]; then\n"
                + "  _bash_complete -F _complete_handoff -o default\n"
                + "fi\n";
    }

    /** Writes both scripts into the folder given as the only argument (default: completions). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "completions");
        CommandLine cl = Cli.create(CliContext.system(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        AtomicFiles.write(dir.resolve(BASH_FILE), bash(cl).getBytes(StandardCharsets.UTF_8), READABLE);
        AtomicFiles.write(dir.resolve(ZSH_FILE), zsh(cl).getBytes(StandardCharsets.UTF_8), READABLE);
        System.out.println("wrote " + dir.resolve(BASH_FILE) + " and " + dir.resolve(ZSH_FILE));
    }
}
