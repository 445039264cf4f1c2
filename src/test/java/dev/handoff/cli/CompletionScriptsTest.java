package dev.handoff.cli;

import dev.handoff.config.UserDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The committed completion scripts are what the current command model generates. */
class CompletionScriptsTest {

    private static final String REGENERATE = "regenerate them with: ./mvnw -q -Pcompletions process-classes"
            + " (or ./handoff completion bash > completions/handoff.bash; ./handoff completion zsh > completions/_handoff)";

    @TempDir
    Path home;

    private static picocli.CommandLine model(Path home) {
        CliContext context = new CliContext(Map.of(), UserDirs.from(Map.of(), home), home, InputStream.nullInputStream(), false);
        return Cli.create(context, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void committedScriptsAreUpToDate() throws IOException {
        var cl = model(home);
        for (var e : Map.of(CompletionScripts.BASH_FILE, CompletionScripts.bash(cl),
                CompletionScripts.ZSH_FILE, CompletionScripts.zsh(cl)).entrySet()) {
            Path committed = Path.of("completions", e.getKey());
            if (!Files.isRegularFile(committed)) {
                fail(committed + " is missing; " + REGENERATE);
            }
            if (!Files.readString(committed, StandardCharsets.UTF_8).equals(e.getValue())) {
                fail(committed + " is out of date with the commands and options of this build; " + REGENERATE);
            }
        }
    }

    @Test
    void theCompletionCommandPrintsTheSameScripts() throws IOException {
        var bash = new CliHarness(home).run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).isEqualTo(Files.readString(Path.of("completions/handoff.bash"), StandardCharsets.UTF_8));
        var zsh = new CliHarness(home).run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).isEqualTo(Files.readString(Path.of("completions/_handoff"), StandardCharsets.UTF_8))
                .startsWith("#compdef handoff\n").contains("bashcompinit", "_bash_complete -F _complete_handoff");
        var fish = new CliHarness(home).run("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(fish.err()).contains("bash", "zsh");
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        String script = """
                source completions/handoff.bash
                complete_line() { COMP_LINE="$1"; read -ra COMP_WORDS <<< "$1"; [[ "$1" == *" " ]] && COMP_WORDS+=("");
                  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_POINT=${#COMP_LINE}; _complete_handoff 2>/dev/null; echo "${COMPREPLY[*]}"; }
                complete_line "handoff vali"
                complete_line "handoff validate --str"
                complete_line "handoff completion "
                complete_line "handoff replay --classifier "
                complete_line "handoff replay --classifier o"
                complete_line "handoff help "
                complete_line "handoff help tr"
                """;
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly("validate", "--strict", "bash zsh",
                "embedding keywords ollama openai recorded", "ollama openai",
                "fetch diff push restore validate replay transcripts report inbox tail completion help", "transcripts");
    }
}
