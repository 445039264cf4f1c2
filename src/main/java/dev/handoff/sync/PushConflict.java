package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.error.HandoffException;

import java.util.List;
import java.util.Optional;

/**
 * Whether the remote moved since the file (or plan) a push sends was made from it, and what to say when it did: someone
 * else's change (exit 5, shown, with the way to keep both), a set answered in another order (no change), the push's own
 * earlier write applied whole or in part (exit 5, said as such).
 */
final class PushConflict {

    private PushConflict() {
    }

    /** The remote reads as the version the file (or plan) was made from, though its hash moved: a set answered in another order. */
    static boolean readsAsMadeFrom(Session session, String expected, RemoteSnapshot remote) {
        Optional<ObjectNode> made = expected == null ? Optional.empty() : session.state().version(session.stateKey(), expected);
        return made.isPresent() && remote.readsTheSameAs(made.get());
    }

    static void check(Session session, LocalConfig local, Plan plan, RemoteSnapshot remote, SecretDrift drift,
                                      boolean force) {
        SyncEnvironment env = session.env();
        String source = plan != null ? "the plan" : env.show(local.file());
        String expected = plan != null ? plan.remoteHash() : local.remoteVersion();
        if (!remote.exists()) {
            return; // a Plugit agent to create: there is nothing to conflict with
        }
        if (expected == null) {
            if (plan == null && force) {
                env.err().println("handoff: warning: " + source + " has no remote_version; overwriting the remote (--force)");
                return;
            }
            if (plan == null) {
                throw HandoffException.conflict(source + " has no remote_version (it was not written by 'handoff fetch'), "
                                + "so handoff cannot tell whether the remote changed; nothing was sent",
                        "review 'handoff diff', then push with --force; or run 'handoff fetch' and re-apply your edits");
            }
        }
        if (remote.version().equals(expected) || readsAsMadeFrom(session, expected, remote)) {
            SecretConflict.check(session, local, source, expected, remote, drift, force);
            return;
        }
        if (force) {
            env.err().println("handoff: warning: the remote changed since " + source + " was made; overwriting it (--force)");
            return;
        }
        DiffResult toPush = DocumentDiff.compare(local.provider(), remote.masked().document(), local.document(),
                remote.masked().comparator(env.env()));
        if (!toPush.hasChanges()) {
            // typically a push whose answer was lost (a timeout) although the server applied it
            throw HandoffException.conflict("the remote already has this content, but " + source + " was made from remote_version "
                            + FetchOperation.shortVersion(expected) + " (now " + FetchOperation.shortVersion(remote.version())
                            + "; an earlier push may have been applied without handoff hearing back); nothing was sent",
                    "run 'handoff fetch' to record the remote's current version in " + env.show(local.file()) + "; there is nothing to push");
        }
        env.out().println("The remote changed since " + source + " was made (remote_version " + FetchOperation.shortVersion(expected)
                + ", now " + FetchOperation.shortVersion(remote.version()) + "):");
        Optional<ObjectNode> base = expected == null ? Optional.empty()
                : session.state().version(session.stateKey(), expected);
        if (base.isPresent()) {
            DiffResult remoteChanges = DocumentDiff.compare(local.provider(), base.get(), remote.masked().document(), SecretComparator.NONE);
            env.out().print(DiffRenderer.text(remoteChanges, env.color(), false));
            if (remoteChanges.hasChanges() && (!drift.recorded() || drift.paths().isEmpty()) && allYours(remoteChanges, toPush)) {
                env.out().flush();
                // a PUT applied in part (answered 500): what moved is the user's own edits, not a colleague's
                throw HandoffException.conflict("every change on the remote since " + source + " was made (remote_version "
                                + FetchOperation.shortVersion(expected) + ", now " + FetchOperation.shortVersion(remote.version())
                                + ") is one of your file's: an earlier push may have been applied in part; nothing was sent",
                        "'handoff diff' shows what is left to send; 'handoff push --force' sends it (no one else's change is in"
                                + " the way)");
            }
        } else {
            // without that version the remote's changes cannot be told from the user's own edits: the direction is
            // file -> remote, so that '+' reads as something the remote has, as in the diff from the saved copy
            env.out().println("(this machine has no copy of that version, so here is " + env.show(local.file()) + " -> the remote instead:"
                    + " '+' is only on the remote, '-' only in your file, your own edits included)");
            DiffResult diff = DocumentDiff.compare(local.provider(), local.document(), remote.masked().document(), SecretComparator.NONE);
            env.out().print(DiffRenderer.text(diff, env.color(), false));
        }
        if (drift.recorded() && !drift.paths().isEmpty()) {
            // the version hash leaves secrets out, so the diff above cannot show a rotated one
            List<String> rotated = remote.masked().secrets().stream().filter(sec -> drift.pointers().contains(sec.pointer()))
                    .map(sec -> sec.path() + " (keep it: set " + sec.variable() + " to its new value before pushing again)").toList();
            env.out().println("Secrets changed on the remote too: " + String.join("; ", rotated));
        }
        env.out().flush();
        throw HandoffException.conflict("the remote changed since " + source + " was made; nothing was sent",
                takeTheirsHint(env.show(local.file()), remote.overlongText()));
    }

    /** No change on the remote touches a place where the file still differs from it: the remote moved towards the file. */
    private static boolean allYours(DiffResult remoteChanges, DiffResult toPush) {
        for (dev.handoff.diff.Change moved : remoteChanges.changes()) {
            String m = moved.path().display();
            for (dev.handoff.diff.Change left : toPush.changes()) {
                String l = left.path().display();
                if (m.equals(l) || l.startsWith(m + ".") || l.startsWith(m + "[") || m.startsWith(l + ".") || m.startsWith(l + "[")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The way out of a push conflict that keeps both sides. Plain 'handoff fetch' is not one: it
     * refuses a file with unpushed edits, so the advice would go in a circle.
     */
    static String takeTheirsHint(String file, String overlong) {
        if (overlong != null) {
            // fetch refuses such a remote (exit 3), so the usual way out goes nowhere
            return "'handoff fetch --force' cannot take this remote: " + overlong + ", longer than handoff reads; to replace the"
                    + " remote with your file: 'handoff push --force'; to keep both, shorten that text in the vendor's app first";
        }
        return "to keep both: commit your edits, run 'handoff fetch --force' (the file becomes the remote's), bring your edits "
                + "back from the commit with 'git checkout -p HEAD -- " + dev.handoff.text.ShellWords.quote(String.valueOf(file)) + "' (keep the new remote_version) and push again; "
                + "to overwrite the remote: 'handoff push --force'";
    }
}
