package dev.handoff.cli;

import dev.handoff.error.HandoffException;
import picocli.CommandLine.Command;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Turn labelled exports (CSV, ...) into transcript JSONL.")
final class TranscriptsImportCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw HandoffException.usage("'import' is not built yet", null);
    }
}
