package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "restore", mixinStandardHelpOptions = true, description = "Put a backup made by push back on the remote.")
final class RestoreCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'restore' is not built yet", null);
    }
}
