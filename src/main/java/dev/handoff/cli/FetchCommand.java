package dev.handoff.cli;

import dev.handoff.sync.FetchOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "GET the remote configuration and write it as canonical YAML to the target's file.",
                "",
                "The file is replaced in one step. Two fetches of the same remote give identical bytes; fields "
                        + "handoff does not know are kept. Secrets (Plugit webhook header values) are written as "
                        + "$${env:NAME} placeholders, never in clear. The x-handoff header records the remote version, so "
                        + "that push can tell when the remote moved on. A file with edits that were not pushed (its "
                        + "content is not what its remote_version was) is not overwritten (exit 5) unless --force, nor is a file "
                        + "that cannot be read as a configuration (exit 2); a file of another provider, and the project file, "
                        + "never are (exit 2). A file saved while the remote is read is kept (exit 5). When the remote has the "
                        + "file's document, only its remote_version line may change: comments stay. Caty has no settings API: a caty target is refused (exit 2), "
                        + "its file is the source of truth."},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff fetch                  # the default target, into its file",
                "  handoff fetch --target sales --stdout",
                "  handoff fetch --force          # discard local edits that were not pushed",
                "  # the token from another variable",
                "  handoff fetch --target support --token-env MY_QUICKCHAT_TOKEN"})
final class FetchCommand extends RemoteCommand {

    @Option(names = "--stdout", description = "Print the YAML instead of writing the file.")
    boolean stdout;

    @Option(names = "--force", description = "Overwrite the file even when it has local edits that were not pushed, or cannot be read as a configuration.")
    boolean force;

    @Override
    public Integer call() {
        return FetchOperation.run(session(), stdout, force);
    }
}
