package dev.handoff.cli;

import dev.handoff.sync.PushOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Put a backup made by push back on the remote.",
                "",
                "Goes through the same path as push: validation, diff, confirmation, a backup of the current "
                        + "remote, the write, and a check of what was stored. The remote-changed check is skipped: "
                        + "restoring means replacing whatever is there now. Backups live in this folder:",
                "  $${XDG_STATE_HOME:-~/.local/state}/handoff/backups/<target>/"},
        footerHeading = "%nExamples:%n",
        footer = {"  # list the backups (named by time, oldest first), review one, then restore it",
                "  ls ~/.local/state/handoff/backups/support/",
                "  handoff restore --target support --dry-run \\",
                "      ~/.local/state/handoff/backups/support/20250919T123456Z-3f2a9c1b04de.yaml",
                "  handoff restore --target support --yes \\",
                "      ~/.local/state/handoff/backups/support/20250919T123456Z-3f2a9c1b04de.yaml"})
final class RestoreCommand extends RemoteCommand {

    @Parameters(paramLabel = "BACKUP", description = "A backup file written by push.")
    Path backup;

    @Option(names = "--dry-run", description = "Stop after showing the diff.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Override
    public Integer call() {
        return PushOperation.restore(session(), backup, new PushOperation.Options(null, dryRun, yes, false));
    }
}
