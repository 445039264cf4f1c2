package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "merge", mixinStandardHelpOptions = true, description = "Join shard reports into one report.")
final class ReportMergeCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'merge' is not built yet", null);
    }
}
