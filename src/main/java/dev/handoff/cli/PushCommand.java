package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "push", mixinStandardHelpOptions = true, description = "Validate, show the diff, confirm, and write the local YAML to the remote.")
final class PushCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'push' is not built yet", null);
    }
}
