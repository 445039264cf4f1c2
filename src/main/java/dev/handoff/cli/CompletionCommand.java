package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "completion", mixinStandardHelpOptions = true, description = "Print a bash or zsh completion script.")
final class CompletionCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'completion' is not built yet", null);
    }
}
