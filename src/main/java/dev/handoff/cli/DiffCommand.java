package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "diff", mixinStandardHelpOptions = true, description = "Semantic diff of the local YAML against the remote.")
final class DiffCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'diff' is not built yet", null);
    }
}
