package dev.handoff.cli;

import picocli.CommandLine.Command;

@Command(name = "inbox", mixinStandardHelpOptions = true, description = "The durable webhook inbox for handoff events.",
        subcommands = {InboxServeCommand.class, InboxStatsCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff inbox serve --listen 127.0.0.1:8787",
                "  handoff inbox stats --since 30d"})
final class InboxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw HandoffCommand.missingCommand(spec);
    }
}
