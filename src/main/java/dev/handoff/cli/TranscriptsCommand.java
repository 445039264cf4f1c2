package dev.handoff.cli;

import picocli.CommandLine.Command;

@Command(name = "transcripts", mixinStandardHelpOptions = true, description = "Work with transcript files.",
        subcommands = {TranscriptsImportCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  # a labelled CSV export turned into transcripts that 'handoff replay' reads",
                "  printf 'text,label\\nI want a human,agent\\nhello,other\\n' > chats.csv",
                "  handoff transcripts import --text-column text --label-column label \\",
                "      --map agent=asks_for_human --out chats.jsonl chats.csv",
                "  handoff replay --config guidelines/quickchat-support.yaml chats.jsonl"})
final class TranscriptsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw HandoffCommand.missingCommand(spec);
    }
}
