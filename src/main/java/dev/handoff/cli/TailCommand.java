package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "tail", mixinStandardHelpOptions = true, description = "Watch the live handoff queue (full-screen on a terminal, JSON lines otherwise).")
final class TailCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'tail' is not built yet", null);
    }
}
