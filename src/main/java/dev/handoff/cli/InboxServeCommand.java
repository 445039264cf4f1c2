package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Receive handoff webhooks, keep them durably, serve the queue.")
final class InboxServeCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'serve' is not built yet", null);
    }
}
