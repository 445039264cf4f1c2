package dev.handoff.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {
                "Print a bash or zsh completion script, generated from the commands and options of this build.",
                ""},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(handoff completion bash)       # bash, this shell",
                "  handoff completion bash > ~/.local/share/bash-completion/completions/handoff",
                "  # zsh, with ~/.zfunc on the fpath before compinit",
                "  handoff completion zsh > ~/.zfunc/_handoff"})
final class CompletionCommand extends BaseCommand {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        var root = spec.root().commandLine();
        data().print(shell == Shell.bash ? CompletionScripts.bash(root) : CompletionScripts.zsh(root));
        data().flush();
        return ExitCode.OK;
    }
}
