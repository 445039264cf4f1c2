package dev.handoff.sync;

import dev.handoff.config.LocalConfig;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.error.HandoffException;

import java.util.List;

/**
 * The part of push's conflict check that the remote version cannot make: the version hash leaves
 * secrets out, so a secret a colleague rotated on the remote is found by this machine's keyed
 * fingerprints ({@link SecretDrift}). It is a conflict when the push would put another value
 * there: the local variable differs from the remote's new value, or is not set. A variable that
 * already holds the new value loses nothing.
 */
final class SecretConflict {

    private SecretConflict() {
    }

    static void check(Session session, LocalConfig local, String source, String base, RemoteSnapshot remote, SecretDrift drift,
                      boolean force) {
        SyncEnvironment env = session.env();
        if (!drift.recorded()) {
            env.err().println("handoff: remote_version " + FetchOperation.shortVersion(base) + ": " + drift.why()
                    + ", so a secret rotated on the remote cannot be told apart");
            return;
        }
        if (drift.paths().isEmpty()) {
            return;
        }
        DiffResult diff = DocumentDiff.compare(local.provider(), remote.masked().document(), local.document(),
                drift.comparator(remote, env.env()));
        List<Change.SecretCompared> reverted = diff.changes().stream()
                .filter(c -> c instanceof Change.SecretCompared s && s.changedOnRemote() && s.state() != Change.SecretState.UNCHANGED)
                .map(c -> (Change.SecretCompared) c).toList();
        if (reverted.isEmpty()) {
            return; // the variables already hold the remote's new values
        }
        String paths = String.join(", ", reverted.stream().map(s -> s.path().display()).toList());
        if (force) {
            env.err().println("handoff: warning: " + paths + " changed on the remote since " + source
                    + " was made; putting the local value back (--force)");
            return;
        }
        String variables = String.join(", ", reverted.stream().map(s -> s.variable() == null ? "the file's value" : s.variable()).toList());
        throw HandoffException.conflict("the remote's secret " + paths + " changed since " + source + " was made (remote_version "
                        + FetchOperation.shortVersion(base) + "), and the push would put the old value (" + variables
                        + ") back; nothing was sent",
                "keep the remote's secret: set " + variables + " to its new value and push again ('handoff diff' then says "
                        + "'secret unchanged'); put yours back: 'handoff push --force'");
    }
}
