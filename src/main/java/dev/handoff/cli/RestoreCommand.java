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
                        + "restoring means replacing whatever is there now. A backup records the target and remote it was "
                        + "taken from: one of another target or remote is refused (exit 2, nothing sent) unless "
                        + "--to-other-target. Backups live in a folder per target and remote:",
                "  $${XDG_STATE_HOME:-~/.local/state}/handoff/backups/<target>-<hash>/"},
        footerHeading = "%nExamples:%n",
        footer = {"  # list the backups (named by time, oldest first), review one, then restore it",
                "  ls ~/.local/state/handoff/backups/support-*/",
                "  # D: the folder ls showed; the file: one of the backups in it",
                "  D=~/.local/state/handoff/backups/support-5d41402abc4b",
                "  handoff restore -t support --dry-run $D/20250919T123456Z-3f2a9c1b04de.yaml",
                "  handoff restore -t support --yes $D/20250919T123456Z-3f2a9c1b04de.yaml",
                "  # a backup of another target or bot, written to TARGET on purpose",
                "  handoff restore -t TARGET --to-other-target \\",
                "      $D/20250919T123456Z-3f2a9c1b04de.yaml"})
final class RestoreCommand extends RemoteCommand {

    @Parameters(paramLabel = "BACKUP", description = "A backup file written by push.")
    Path backup;

    @Option(names = "--dry-run", description = "Stop after showing the diff.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--to-other-target", description = "Restore a backup taken from another target or another remote "
            + "(another bot) all the same: its configuration replaces this target's.")
    boolean toOtherTarget;

    @Override
    public Integer call() {
        return PushOperation.restore(session(), backup, new PushOperation.Options(null, dryRun, yes, false), toOtherTarget);
    }
}
