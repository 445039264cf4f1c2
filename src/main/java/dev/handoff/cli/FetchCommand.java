package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "fetch", mixinStandardHelpOptions = true, description = "GET the remote configuration and write it as canonical YAML.")
final class FetchCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'fetch' is not built yet", null);
    }
}
