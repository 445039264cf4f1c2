package dev.handoff.cli;

import picocli.CommandLine.Command;

@Command(name = "transcripts", mixinStandardHelpOptions = true, description = "Work with transcript files.",
        subcommands = {TranscriptsImportCommand.class})
final class TranscriptsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
