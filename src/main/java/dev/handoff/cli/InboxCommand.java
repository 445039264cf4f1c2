package dev.handoff.cli;

import picocli.CommandLine.Command;

@Command(name = "inbox", mixinStandardHelpOptions = true, description = "The durable webhook inbox for handoff events.",
        subcommands = {InboxServeCommand.class},
        footerHeading = "%nExample:%n",
        footer = "  handoff inbox serve --listen 127.0.0.1:8787    # see 'handoff inbox serve --help'")
final class InboxCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
