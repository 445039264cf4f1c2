package dev.handoff.cli;

import dev.handoff.sync.PushOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "push", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Validate the local YAML, show the diff, confirm, and write it to the remote.",
                "",
                "Refuses (exit 5, nothing sent) when the remote changed since the file was fetched or the plan "
                        + "made, unless --force. Asks on a terminal; elsewhere needs --yes. Before writing, the remote is "
                        + "backed up to the state directory (secrets as placeholders). Quickchat: PUT; Plugit: PATCH (or "
                        + "POST to create an agent), with an Idempotency-Key. Afterwards the remote is read again, any "
                        + "field the server changed or dropped is reported, and the file's remote_version is updated. "
                        + "Caty has no settings API: a caty target is refused (exit 2); paste its file into Caty's settings."},
        footerHeading = "%nExamples:%n",
        footer = {"  handoff push --dry-run               # validate and show what would change",
                "  handoff push --target sales --yes    # in CI, after review",
                "  # only if nothing moved since 'handoff diff --out plan.json'",
                "  handoff push --plan plan.json"})
final class PushCommand extends RemoteCommand {

    @Option(names = "--plan", paramLabel = "FILE", description = "Push only if local file and remote still match this plan from 'diff --out'.")
    Path plan;

    @Option(names = "--dry-run", description = "Stop after showing the diff.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--force", description = "Push even when the remote changed since the file was fetched.")
    boolean force;

    @Override
    public Integer call() {
        return PushOperation.push(session(), new PushOperation.Options(plan, dryRun, yes, force));
    }
}
