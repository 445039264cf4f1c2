package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check configuration files offline against every documented rule.")
final class ValidateCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'validate' is not built yet", null);
    }
}
