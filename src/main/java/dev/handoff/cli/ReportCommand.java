package dev.handoff.cli;

import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Work with replay reports.",
        subcommands = {ReportMergeCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  # a replay in two halves (two CI jobs), joined into one report and gate",
                "  handoff replay --shard 1/2 -o json > shard-1.json",
                "  handoff replay --shard 2/2 -o json > shard-2.json",
                "  handoff report merge shard-1.json shard-2.json"})
final class ReportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw HandoffCommand.missingCommand(spec);
    }
}
