package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.diff.ServerManaged;
import dev.handoff.error.HandoffException;
import dev.handoff.remote.ConfigRemote;
import dev.handoff.remote.NotFound;
import dev.handoff.remote.WriteRefused;

import java.util.List;

/**
 * The write of push and restore, after the user confirmed: read the remote again, refuse if it
 * moved since the diff was made (someone's change would be lost), back it up, send the document
 * with {@code If-Match} when the server gave an ETag, and read back what was stored.
 *
 * <p>What this guarantees: a change made to the remote before the last read is never overwritten
 * unseen. Without an ETag, a change made between that read and the write (milliseconds, with no
 * prompt in between) cannot be detected; with one, the server refuses the write (412).
 */
final class GuardedWrite {

    /**
     * @param stored      the remote as read back; when that read failed, the document the write was
     *                    answered with, or null when the answer held none
     * @param recreated   lines saying which items restore recreated and their new ids
     * @param checkFailed why reading the remote back after the (applied) write failed, else null
     * @param before      the remote as read right before the write
     * @param inFlight    the interrupt notice, saying the write was applied: the caller closes it once
     *                    the run recorded what it learnt (push: the file's new remote_version)
     * @param pending     a Plugit create's kept Idempotency-Key, done once the agent's id is recorded; else null
     * @param stateNotKept the version copy that could not be written after the write, and why; else null
     * @param changedAfter the remote as read back when it no longer held what the write stored (then {@code stored} is
     *                     the write's own answer, see {@link AfterWrite#storedByTheWrite}); else null
     */
    record Result(ConfigRemote.WriteOutcome outcome, RemoteSnapshot before, RemoteSnapshot stored, List<String> recreated, HandoffException checkFailed,
                  StaleIds stale, WriteInFlight inFlight, PendingCreate pending, String stateNotKept, RemoteSnapshot changedAfter) {
    }

    private GuardedWrite() {
    }

    static Result run(Session session, LocalConfig desired, RemoteSnapshot seen, ObjectNode resolved, PushOperation.Mode mode,
                      boolean forced) {
        SyncEnvironment env = session.env();
        Provider provider = desired.provider();
        String name = session.target().name();
        ConfigRemote target = session.remote();
        RemoteSnapshot now = seen;
        if (seen.exists()) {
            now = RemoteSnapshot.read(target, name, desired.document(), env.redactor());
            if (seen.movedIn(now)) {
                throw moved(env, mode, forced, env.show(desired.file()), seen, now, "The remote changed since it was read for this " + mode.verb,
                        "the remote changed after it was read for this " + mode.verb + " (between the diff above and the write); "
                                + "nothing was sent");
            }
        }
        StateFiles state = session.state();
        StateKey key = session.stateKey();
        StateFiles.Backup backup = null;
        if (now.exists()) {
            backup = state.backup(key, now.masked().document(), now.version(), env.clock().instant());
            if (!now.masked().secrets().isEmpty()) {
                state.rememberBackupSecrets(backup, now.masked());
            }
            env.err().println("handoff: backup of the remote " + (backup.created() ? "saved to " : "already saved in ") + backup.path());
            String overlong = now.overlongText();
            if (overlong != null) {
                // push is how such a remote is repaired, so this is said, not refused
                env.err().println("handoff: warning: " + overlong + ", longer than handoff reads back: the backup " + backup.path()
                        + " holds that text, so 'handoff restore' cannot put this remote back");
            }
        }
        ObjectNode body = dev.handoff.diff.RemoteOrder.keep(provider, now.order(), ServerManaged.carryOver(provider, now.clear(), resolved));
        StaleIds stale = mode == PushOperation.Mode.RESTORE ? StaleIds.strip(provider, body, now.clear()) : StaleIds.NONE;
        // the create's origin: another project or file with the same target name and body is another agent
        String origin = PendingCreate.origin(session, desired.file());
        PendingCreate pending = now.exists() ? null : PendingCreate.begin(state, key, body, origin, env.err());
        if (pending != null && pending.reused()) {
            env.err().println("handoff: an earlier " + mode.verb + " of this file to '" + name + "' sent this create and its answer was not"
                    + " recorded: sending it again with the same Idempotency-Key, so that a server that kept the key answers with the agent"
                    + " it made instead of making a second one");
        }
        WriteInFlight inFlight = WriteInFlight.start(WriteInFlight.RUNTIME, env.err(), target.location(), name);
        try {
            ConfigRemote.WriteOutcome outcome = send(session, desired, now, body, backup, mode, forced, inFlight, pending);
            inFlight.applied(); // an interrupt from here until the caller closes it says the write was applied
            refuseAnotherTargetsAgent(session, outcome);
            return readBack(session, desired, now, outcome, body, stale, inFlight, pending, mode);
        } catch (RuntimeException | Error e) {
            inFlight.close();
            throw e;
        }
    }

    /**
     * A create answered with the agent another target of the project already uses is no new agent:
     * recording its id would make this target's next push overwrite that agent. Nothing is recorded.
     */
    private static void refuseAnotherTargetsAgent(Session session, ConfigRemote.WriteOutcome outcome) {
        String id = outcome.createdId();
        if (id == null) {
            return;
        }
        for (dev.handoff.config.Target other : session.project().targets().values()) {
            if (!other.name().equals(session.target().name()) && id.equals(other.agentId())
                    && java.util.Objects.equals(other.baseUrl(), session.target().baseUrl())) {
                throw HandoffException.remote(outcome.method() + " " + outcome.url() + " was answered with agent " + id
                                + ", which target '" + other.name() + "' already uses: that is no new agent; nothing was recorded",
                        "look in Plugit whether a new agent was made; do not add " + id + " as this target's agent_id", null);
            }
        }
    }

    /** Sends the body; a write the server refused removes the backup and, on a 412, shows what moved. */
    private static ConfigRemote.WriteOutcome send(Session session, LocalConfig desired, RemoteSnapshot now, ObjectNode body,
                                                  StateFiles.Backup backup, PushOperation.Mode mode, boolean forced,
                                                  WriteInFlight inFlight, PendingCreate pending) {
        SyncEnvironment env = session.env();
        ConfigRemote target = session.remote();
        try {
            return target.write(body, now.version(), now.etag(), pending == null ? null : pending.key(),
                    call -> recheckBeforeResend(session, desired, now, body, backup, mode, forced, call));
        } catch (AppliedEarlier e) {
            env.err().println("handoff: " + e.getMessage());
            return e.outcome;
        } catch (WriteRefused e) {
            if (e.retried().isPresent() && e.kind() == HandoffException.Kind.CONFLICT && pending == null) {
                return refusedRetry(session, desired, body, backup, inFlight, pending, e);
            }
            inFlight.close(); // refused, so not applied: an interrupt from here on has nothing to say
            // a 409 to a keyed create may be the same key still being processed: its marker stays, so the next run sends it again
            boolean keyInUse = e.stateConflict() && pending != null;
            if (pending != null && !keyInUse) {
                pending.done(env.err()); // no agent was made: a later create is a new one, with a new key
            }
            session.state().discard(backup); // the server did not apply it: the remote backed up was never replaced
            if (keyInUse) {
                throw HandoffException.conflict(e.getMessage(), "a create answered 409 may still be under way with the same"
                        + " Idempotency-Key: " + mode.verb + " the same file again from this machine in a moment (it sends the same key,"
                        + " so a server that made the agent answers with it, and no second one is made)");
            }
            if (e.kind() == HandoffException.Kind.CONFLICT) {
                RemoteSnapshot after = RemoteSnapshot.read(target, session.target().name(), desired.document(), env.redactor());
                if (e.stateConflict() && after.version().equals(now.version())) {
                    // no version tag was compared and nothing moved: the server's own reason is all there is to say
                    throw HandoffException.conflict(e.getMessage(), "the remote reads as it did when it was read, so the server refused"
                            + " the write for a reason of its own (its message above); run 'handoff diff', then " + mode.verb + " again");
                }
                throw moved(env, mode, forced, env.show(desired.file()), now, after, "The remote changed between the last read and the write",
                        e.getMessage());
            }
            throw e;
        }
    }

    /** The remote holds what was sent before a resend: an earlier attempt was applied, its answer lost. */
    private static final class AppliedEarlier extends RuntimeException {
        private final ConfigRemote.WriteOutcome outcome;

        AppliedEarlier(String message, ConfigRemote.WriteOutcome outcome) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * Before a write is sent again (after a 429 with Retry-After, a failed connection, a keyed write's lost answer), the
     * remote is read again, as before the first attempt: a colleague's change made during the wait would otherwise be
     * overwritten unseen. Unchanged: the write is sent again. Holding exactly what was sent: an earlier attempt was
     * applied, and the write is done. Anything else: nothing more is sent (exit 5), the backup stays.
     */
    private static void recheckBeforeResend(Session session, LocalConfig desired, RemoteSnapshot now, ObjectNode body,
                                            StateFiles.Backup backup, PushOperation.Mode mode, boolean forced,
                                            dev.handoff.remote.ApiCall call) {
        if (!now.exists()) {
            return;
        }
        SyncEnvironment env = session.env();
        RemoteSnapshot after = RemoteSnapshot.read(session.remote(), session.target().name(), desired.document(), env.redactor());
        if (!now.movedIn(after)) {
            return;
        }
        if (AfterWrite.holdsWhatWasSent(session, desired, body, after)) {
            throw new AppliedEarlier("before sending the write again, the remote was read: it holds exactly what was sent, so an"
                    + " earlier attempt was applied (its answer was lost) and the write is done",
                    new ConfigRemote.WriteOutcome(call.method(), call.url().toString(), null, null, call.idempotencyKey()));
        }
        throw moved(env, mode, forced, env.show(desired.file()), now, after, "The remote changed while the write waited to be sent again",
                "the remote changed after it was read for this " + mode.verb + " (while the write waited to be sent again); nothing more"
                        + " was sent" + (backup == null ? "" : " (the remote as it was before is kept in " + backup.path() + ")"));
    }

    /**
     * A retry refused with 412 or 409: the attempt before it (answer lost: a reset connection, a
     * timeout) may have been applied, and that very write moved the ETag. When the remote now holds
     * what was sent, the write is done; otherwise it may or may not have been applied, so the backup
     * stays and nothing is called someone else's change.
     */
    private static ConfigRemote.WriteOutcome refusedRetry(Session session, LocalConfig desired, ObjectNode body, StateFiles.Backup backup,
                                                          WriteInFlight inFlight, PendingCreate pending, WriteRefused e) {
        SyncEnvironment env = session.env();
        dev.handoff.remote.ApiCall call = e.retried().orElseThrow();
        RemoteSnapshot after = RemoteSnapshot.read(session.remote(), session.target().name(), desired.document(), env.redactor());
        // the diff leaves secrets' values out: a colleague's rotation in between must not pass for our write
        if (AfterWrite.holdsWhatWasSent(session, desired, body, after)) {
            env.err().println("handoff: " + e.getMessage() + "; the remote now holds exactly what was sent: an earlier attempt was"
                    + " applied (its answer was lost), so the write is done");
            return new ConfigRemote.WriteOutcome(call.method(), call.url().toString(), null, null, call.idempotencyKey());
        }
        inFlight.close();
        throw HandoffException.conflict(e.getMessage() + "; the remote does not hold what was sent" + (backup == null ? ""
                        : " (the remote as it was before this push is kept in " + backup.path() + ")"),
                "run 'handoff diff' to see the remote as it is now: another write came in between, or the earlier attempt was"
                        + " not applied; then " + (pending != null ? "push" : "push or restore") + " again");
    }

    /** Reads back what the (applied) write stored; when that fails, keeps what the write answered. */
    private static Result readBack(Session session, LocalConfig desired, RemoteSnapshot now, ConfigRemote.WriteOutcome outcome,
                                   ObjectNode body, StaleIds stale, WriteInFlight inFlight, PendingCreate pending, PushOperation.Mode mode) {
        SyncEnvironment env = session.env();
        String name = session.target().name();
        StateFiles state = session.state();
        StateKey key = session.stateKey();
        RemoteSnapshot stored;
        try {
            stored = RemoteSnapshot.read(session.remote().after(outcome), name, desired.document(), env.redactor());
        } catch (NotFound e) {
            if (outcome.createdId() == null) {
                return failedReadBack(session, desired, now, outcome, stale, inFlight, pending, e);
            }
            throw createdNothing(session, outcome, pending, mode, e);
        } catch (HandoffException e) {
            return failedReadBack(session, desired, now, outcome, stale, inFlight, pending, e);
        }
        AfterWrite.refuseAForeignAgent(session, outcome, body, stored, mode);
        RemoteSnapshot later = null;
        RemoteSnapshot written = AfterWrite.storedByTheWrite(session, desired, outcome, body, stored);
        if (written == null) {
            // no answer that tells (a 204, write-only fields left out): what the push sent as the remote held it tells
            written = ChangedAfterWrite.writtenState(session, desired, now, body, outcome.answer(), stored);
        }
        if (written != null) {
            later = stored;
            stored = written;
        }
        String notKept = state.rememberVersionAfterWrite(key.withAgent(outcome.createdId()), stored.masked(), stored.version());
        return new Result(outcome, now, stored, stale.report(stored.clear()), null, stale, inFlight, pending, notKept, later);
    }

    /** Reading back failed: keeps what the (applied) write answered, above all a created agent's id. */
    private static Result failedReadBack(Session session, LocalConfig desired, RemoteSnapshot now, ConfigRemote.WriteOutcome outcome,
                                         StaleIds stale, WriteInFlight inFlight, PendingCreate pending, HandoffException e) {
        SyncEnvironment env = session.env();
        String name = session.target().name();
        // the write was applied: what it answered (a created agent's id above all) must not be lost with this error
        RemoteSnapshot answered = null;
        try {
            answered = outcome.answer() == null ? null
                    : RemoteSnapshot.of(desired.provider(), outcome.answer(), null, name, desired.document(), env.redactor());
        } catch (RuntimeException unreadable) {
            // an answer that is no document tells nothing more than its absence
        }
        String notKept = answered == null ? null : session.state().rememberVersionAfterWrite(
                session.stateKey().withAgent(outcome.createdId()), answered.masked(), answered.version());
        return new Result(outcome, now, answered, List.of(), e, stale, inFlight, pending, notKept, null);
    }

    /**
     * The create was answered with an agent's id, and that agent does not exist: a server that kept
     * the key may have answered an earlier create whose agent was deleted since. Nothing is recorded,
     * and the kept key goes, so that the next push creates the agent with a new one.
     */
    private static HandoffException createdNothing(Session session, ConfigRemote.WriteOutcome outcome, PendingCreate pending,
                                                   PushOperation.Mode mode, HandoffException e) {
        if (pending != null) {
            pending.done(session.env().err());
        }
        return HandoffException.remote(outcome.method() + " " + outcome.url() + " was answered with agent " + outcome.createdId()
                        + ", but that agent does not exist (" + e.getMessage() + "): the server answered a create it did not apply (maybe"
                        + " with its reply to an earlier request with the same Idempotency-Key, whose agent was deleted since); nothing was"
                        + " recorded",
                "look for the agent in Plugit: if it is not there, " + mode.verb + " again (a new run sends a new key); if it is, add its id"
                        + " as agent_id to targets." + session.target().name() + " in handoff.yaml", e);
    }

    /** Shows what moved on the remote (old remote against new, secrets masked) and builds the exit-5 error. */
    private static HandoffException moved(SyncEnvironment env, PushOperation.Mode mode, boolean forced, String file, RemoteSnapshot before,
                                          RemoteSnapshot after,
                                          String heading, String message) {
        env.out().println(heading + " (remote_version " + FetchOperation.shortVersion(before.version()) + ", now "
                + FetchOperation.shortVersion(after.version()) + "):");
        DiffResult moved = DocumentDiff.compare(before.provider(), before.masked().document(), after.masked().document(), SecretComparator.NONE);
        List<String> secrets = before.secretsChangedIn(after);
        if (moved.hasChanges()) {
            env.out().print(DiffRenderer.text(moved, env.color(), false));
        }
        secrets.forEach(path -> env.out().println("~ " + path + ": secret changed on the remote"));
        if (!moved.hasChanges() && secrets.isEmpty()) {
            env.out().println("(the document reads the same; the server's version tag changed)");
        }
        env.out().flush();
        String hint = mode == PushOperation.Mode.PUSH && forced
                // --force was given: advising it as if it were not sent people round in a circle
                ? "someone changed the remote while this push ran; 'handoff push --force' again shows that change in its diff and"
                + " sends over it; if the same fields change at every run, the server updates them itself (two 'handoff diff' runs show"
                + " which)"
                : mode == PushOperation.Mode.PUSH
                ? "that is someone else's change; " + PushConflict.takeTheirsHint(file, after.overlongText())
                : "run 'handoff restore' again to review the diff against the remote as it is now";
        return HandoffException.conflict(message, hint);
    }
}
