package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.error.HandoffException;
import dev.handoff.files.IoMessages;
import dev.handoff.remote.ConfigRemote;

import java.util.List;

/**
 * After a write of push or restore: what was stored, what the server did differently, the ids it
 * assigned, and the local file brought up to date. Also when reading the remote back failed: the
 * write was applied then, and what it answered is recorded before the failure is reported.
 */
final class PushReport {

    private PushReport() {
    }

    static void report(Session session, LocalConfig desired, PushOperation.Mode mode, int count, GuardedWrite.Result written) {
        SyncEnvironment env = session.env();
        String name = session.target().name();
        Provider provider = desired.provider();
        RemoteSnapshot stored = written.stored();
        ConfigRemote.WriteOutcome outcome = written.outcome();
        boolean checked = written.checkFailed() == null;
        DiffResult check = null;
        if (checked) {
            DiffResult compared = DocumentDiff.compare(provider, stored.masked().document(), desired.document(),
                    stored.masked().comparator(env.env()));
            // a recreated item's new id is no difference: restore sent it without its old one (said below)
            check = new DiffResult(compared.changes().stream().filter(c -> !written.stale().isRecreatedId(c.path())).toList(),
                    compared.patch());
        }
        boolean notApplied = check != null && check.hasChanges() && answeredWithoutApplying(written);
        env.out().println((notApplied ? "sent " : mode.done) + count + (count == 1 ? " change" : " changes") + " to '" + name
                + "' with " + outcome.method() + " " + outcome.url()
                + (notApplied ? ", but the server did not apply " + (count == 1 ? "it" : "them") + " (the remote reads as before)"
                : stored == null ? "" : " (remote_version " + FetchOperation.shortVersion(stored.version())
                + (checked ? ")" : ", from the server's answer to the write)")));
        if (check != null && check.hasChanges()) {
            env.out().println("the server did not store everything as sent:");
            env.out().print(DiffRenderer.storedDifferently(check));
            if (notApplied) {
                env.out().flush();
                throw notApplied(session, mode, outcome);
            }
        }
        if (written.changedAfter() != null) {
            changedAfterTheWrite(session, desired, mode, stored, written.changedAfter());
        }
        written.recreated().forEach(line -> env.out().println(line));
        if (outcome.createdId() != null) {
            env.out().println("created agent " + outcome.createdId());
        }
        LocalFileUpdate.Outcome updated = null;
        if (mode == PushOperation.Mode.PUSH) {
            // the read after the write has the ids the server assigned, also when the version recorded is the write's answer
            RemoteSnapshot withIds = written.changedAfter() != null ? written.changedAfter() : stored;
            List<AssignedIds.Assigned> ids = AssignedIds.find(provider, desired.document(),
                    withIds != null ? withIds.clear() : JsonNodeFactory.instance.objectNode(), outcome.createdId());
            ids.forEach(id -> env.out().println((heldBefore(written.before(), id) ? "the file takes the remote's " : "the server assigned ")
                    + id.display()));
            if (stored != null || !ids.isEmpty()) {
                try {
                    updated = LocalFileUpdate.apply(desired, stored == null ? null : stored.version(), ids);
                } catch (java.io.UncheckedIOException e) {
                    env.out().flush();
                    throw notRecorded(session, desired, outcome, stored, ids, e.getCause(), written.checkFailed());
                }
                localFile(session, desired, stored, ids, updated);
                if (written.pending() != null && outcome.createdId() != null
                        && (updated == LocalFileUpdate.Outcome.PATCHED || updated == LocalFileUpdate.Outcome.CANONICAL)) {
                    written.pending().done(env.err()); // the agent's id is in the file: a later create is another agent
                }
            }
        } else if (outcome.createdId() != null) {
            // restore writes no local file: the created agent's id is recorded by the user, or a push creates a second agent
            if (written.pending() != null) {
                written.pending().done(env.err());
            }
            env.err().println("handoff: add 'agent_id: " + outcome.createdId() + "' to targets." + name + " in "
                    + env.show(session.project().path()) + " (until then a push creates another agent), then run 'handoff fetch --target "
                    + name + "' to bring " + env.show(session.target().file()) + " up to date with the restored remote");
        } else if (checked) {
            env.err().println("handoff: run 'handoff fetch --target " + name + "' to bring " + env.show(session.target().file())
                    + " up to date with the restored remote");
        }
        if (written.stateNotKept() != null) {
            env.err().println("handoff: warning: the " + mode.verb + " was applied, but its copy of the remote's version could not be"
                    + " written to the state folder: " + written.stateNotKept() + "; a later push cannot tell whether a secret was"
                    + " rotated on the remote since");
        }
        env.out().flush();
        if (!checked) {
            throw checkFailed(session, desired, mode, written, updated);
        }
    }

    /**
     * The write stored what was sent (its answer says so) and the remote read right after it holds something else: a
     * change made after the write, not the server's refusal. The file records the version the write stored, so the
     * next push stops (exit 5) and shows that change instead of sending the file's text over it.
     */
    private static void changedAfterTheWrite(Session session, LocalConfig desired, PushOperation.Mode mode, RemoteSnapshot written,
                                             RemoteSnapshot later) {
        SyncEnvironment env = session.env();
        env.out().println("the remote changed right after the write (another writer, or the server changing what it stored):");
        DiffResult all = DocumentDiff.compare(desired.provider(), written.masked().document(), later.masked().document(),
                dev.handoff.diff.SecretComparator.NONE);
        // ids the server gave what was sent (an answer that echoes the request has none) are no one's change
        DiffResult moved = new DiffResult(all.changes().stream()
                .filter(c -> !dev.handoff.diff.ServerManaged.assigned(String.valueOf(c.path().lastField()))).toList(), all.patch());
        if (moved.hasChanges()) {
            env.out().print(DiffRenderer.text(moved, env.color(), false));
        }
        written.secretsChangedIn(later).forEach(path -> env.out().println("~ " + path + ": secret changed on the remote"));
        env.out().flush();
        String name = session.target().name();
        env.err().println("handoff: warning: the remote changed after this " + mode.verb + "'s write; " + (mode == PushOperation.Mode.PUSH
                ? env.show(desired.file()) + " records the version the write stored, so the next push stops (exit 5) and shows that"
                + " change; 'handoff fetch --target " + name + "' takes it"
                : "run 'handoff diff --target " + name + "' to see the remote as it is now"));
    }

    /**
     * A write the server answered with success after which the remote reads exactly as before it
     * (document and secrets) although changes were sent: whatever the method and whether or not it
     * carried an Idempotency-Key (a server that keeps keys answers an earlier request's reply), the
     * server applied nothing.
     */
    private static boolean answeredWithoutApplying(GuardedWrite.Result written) {
        RemoteSnapshot before = written.before();
        RemoteSnapshot stored = written.stored();
        return before.exists() && written.outcome().createdId() == null
                && before.version().equals(stored.version()) && before.secretsChangedIn(stored).isEmpty();
    }

    private static HandoffException notApplied(Session session, PushOperation.Mode mode, ConfigRemote.WriteOutcome outcome) {
        String name = session.target().name();
        return HandoffException.remote(outcome.method() + " " + outcome.url() + " was answered with success, but the remote is"
                        + " unchanged: the server answered without applying the write" + (outcome.idempotencyKey() == null ? ""
                        : " (maybe with its reply to an earlier request with the same Idempotency-Key)") + "; nothing changed",
                "run 'handoff diff --target " + name + "' to see what is still to " + mode.verb + ", then " + mode.verb
                        + " again" + (outcome.idempotencyKey() == null ? "" : " (a new run sends a new key)")
                        + "; if the remote stays unchanged, ask the vendor why", null);
    }

    /** Says what became of the local file; a file edited during the push is never overwritten, and then says what to do by hand. */
    private static void localFile(Session session, LocalConfig desired, RemoteSnapshot stored, List<AssignedIds.Assigned> ids,
                                  LocalFileUpdate.Outcome updated) {
        SyncEnvironment env = session.env();
        String file = env.show(desired.file());
        String createdId = ids.stream().filter(id -> id.pointer().isEmpty()).map(id -> id.id().asText()).findFirst().orElse(null);
        String what = stored == null ? "the agent's id" : ids.isEmpty() ? "remote_version" : "remote_version and ids";
        switch (updated) {
            case PATCHED -> env.out().println("updated " + what + " in " + file);
            case CANONICAL -> env.out().println("updated " + what + " in " + file + " (the file was rewritten in canonical form)");
            case GONE -> env.err().println("handoff: warning: the remote was updated, but " + file + " was deleted during the push;"
                    + (createdId != null ? " add 'agent_id: " + createdId + "' to targets." + session.target().name() + " in "
                    + env.show(session.project().path()) + " (until then a push creates another agent), then" : "")
                    + " 'handoff fetch' writes it again");
            case LEFT_AS_IS -> {
                List<String> set = toSetByHand(session, stored, ids, createdId);
                env.err().println("handoff: warning: the remote was updated, but " + file + " changed during the push and was left as is");
                env.err().println("  if it holds what you pushed plus further edits, set " + String.join(" and ", set)
                        + " by hand, then 'handoff diff' shows what is left to push; " + (createdId != null
                        ? "whatever version of the file it is, set agent_id first: without it any push creates another agent"
                        : "if it is another version of the file (another branch), leave it: its next push stops (exit 5) and shows the remote's change"));
            }
        }
        if (createdId != null && (updated == LocalFileUpdate.Outcome.PATCHED || updated == LocalFileUpdate.Outcome.CANONICAL)) {
            env.err().println("handoff: the next push of " + file + " updates agent " + createdId
                    + " (its id is in the file now); you may also add 'agent_id: " + createdId + "' to targets." + session.target().name()
                    + " in " + env.show(session.project().path()));
        }
    }

    /** What the user sets in the file by hand when push could not: the version, and the ids the write assigned. */
    private static List<String> toSetByHand(Session session, RemoteSnapshot stored, List<AssignedIds.Assigned> ids, String createdId) {
        List<String> set = new java.util.ArrayList<>();
        if (stored != null) {
            set.add("'remote_version: " + stored.version() + "' in its x-handoff header");
        }
        if (createdId != null) {
            set.add("'id: " + createdId + "' at the top (or agent_id: " + createdId + " in targets." + session.target().name()
                    + " of " + session.env().show(session.project().path()) + "; until then a push creates another agent)");
        } else if (!ids.isEmpty()) {
            set.add(ids.size() == 1 ? "the id above" : "the ids above");
        }
        return set;
    }

    /**
     * The write was applied, but the file could not take what it learnt (checked before the write,
     * so something changed meanwhile): say that the push was applied, and what to set by hand.
     */
    private static HandoffException notRecorded(Session session, LocalConfig desired, ConfigRemote.WriteOutcome outcome,
                                                RemoteSnapshot stored, List<AssignedIds.Assigned> ids, java.io.IOException e,
                                                HandoffException checkFailed) {
        SyncEnvironment env = session.env();
        String file = env.show(desired.file());
        String createdId = ids.stream().filter(id -> id.pointer().isEmpty()).map(id -> id.id().asText()).findFirst().orElse(null);
        List<String> set = toSetByHand(session, stored, ids, createdId);
        String message = "the push was applied (" + outcome.method() + " " + outcome.url() + (checkFailed == null ? ""
                : "; reading it back failed: " + checkFailed.getMessage()) + "), but " + file + " could not be updated: "
                + IoMessages.reason(e);
        String hint = (set.isEmpty() ? "" : "set " + String.join(" and ", set) + " by hand, or ")
                + "run 'handoff fetch' once the file can be written; do not push again before that (it would stop with exit 5)";
        return new HandoffException(HandoffException.Kind.USAGE, message, hint, e);
    }

    /** The write was applied and only the check after it failed: say so, and keep the failure's exit code. */
    private static HandoffException checkFailed(Session session, LocalConfig desired, PushOperation.Mode mode, GuardedWrite.Result written,
                                                LocalFileUpdate.Outcome updated) {
        SyncEnvironment env = session.env();
        HandoffException e = written.checkFailed();
        ConfigRemote.WriteOutcome outcome = written.outcome();
        String file = env.show(desired.file());
        boolean recorded = updated == LocalFileUpdate.Outcome.PATCHED || updated == LocalFileUpdate.Outcome.CANONICAL;
        String hint;
        if (outcome.createdId() != null && !recorded) {
            // fetch cannot find an agent whose id is nowhere: a retry would create a second one
            hint = "do not push again before the agent's id is recorded: add 'agent_id: " + outcome.createdId() + "' to targets."
                    + session.target().name() + " in " + env.show(session.project().path()) + "; then 'handoff fetch' records its version";
        } else if (mode == PushOperation.Mode.RESTORE) {
            hint = "do not restore again; when the server answers again, run 'handoff fetch --target " + session.target().name()
                    + "' to see what it stored";
        } else if (written.stored() != null && recorded) {
            hint = "the push needs no retry; when the server answers again, 'handoff diff' checks what it stored against " + file;
        } else {
            hint = "the push needs no retry; when the server answers again, run 'handoff fetch' to record the remote's new version in "
                    + file;
        }
        String message = outcome.method() + " " + outcome.url() + " was applied" + (outcome.createdId() == null ? "" : " (agent "
                + outcome.createdId() + " created)") + ", but reading the remote back failed: " + e.getMessage();
        return new HandoffException(e.kind(), message, hint, e);
    }

    /**
     * Whether the remote held this id for an item of the same list before the push: an id the file left out that push carried
     * over from the remote, which the server did not assign.
     */
    private static boolean heldBefore(RemoteSnapshot before, AssignedIds.Assigned id) {
        int bracket = id.label().indexOf('[');
        if (before == null || bracket <= 0) {
            return false;
        }
        for (com.fasterxml.jackson.databind.JsonNode item : before.clear().path(id.label().substring(0, bracket))) {
            if (item.path("id").equals(id.id())) {
                return true;
            }
        }
        return false;
    }
}
