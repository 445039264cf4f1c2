package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay transcripts through a classifier, report per-criterion errors, gate CI.")
final class ReplayCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'replay' is not built yet", null);
    }
}
