package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.validate.Acceptances;
import dev.handoff.config.validate.ConfigValidator;
import dev.handoff.config.validate.KnownIds;
import dev.handoff.config.validate.ValidationReport;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.error.HandoffException;
import dev.handoff.files.AtomicFiles;
import dev.handoff.files.IoMessages;
import dev.handoff.remote.ConfigRemote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code handoff push} and {@code handoff restore}: validate, compare with the remote, confirm,
 * back the remote up, write, read back and report what the server did not keep.
 */
public final class PushOperation {

    /**
     * @param plan  a plan from {@code diff --out}, or null
     * @param force push even when the remote changed since the file or plan was made
     */
    public record Options(Path plan, boolean dryRun, boolean yes, boolean force) {
    }

    private PushOperation() {
    }

    public static int push(Session session, Options options) {
        SyncEnvironment env = session.env();
        LocalConfig local = session.readLocal();
        MaskedText.refuse(local.document(), env.show(local.file()), "the file");
        validate(session, local.file());
        Plan plan = options.plan() == null ? null : checkPlan(session, local, options.plan());
        RemoteSnapshot remote = RemoteSnapshot.read(session.remote(), session.target().name(), local.document(), env.redactor());
        String base = plan != null ? plan.remoteHash() : local.remoteVersion();
        SecretDrift drift = SecretDrift.of(session, base, remote);
        // checks of the document against the remote just read (push only: restore recreates what the remote lost)
        PushConflict.check(session, local, plan, remote, drift, options.force());
        if (plan != null) {
            checkPlanSecrets(session, local, plan, options.plan(), remote, drift);
        }
        KnownIds.require(local.provider(), local.file(), Path.of(env.show(local.file())), remote.clear(), env.err());
        return write(session, local, remote, drift, options, Mode.PUSH);
    }

    /**
     * @param toOtherTarget restore a backup taken from another target or remote (another bot) all the same
     */
    public static int restore(Session session, Path backup, Options options, boolean toOtherTarget) {
        SyncEnvironment env = session.env();
        Path file = env.workDir().resolve(backup);
        Path legacy = session.state().legacyBackupFolder(session.stateKey());
        LocalConfig saved = session.readConfig(file, "backups are in " + env.show(session.state().backupFolder(session.stateKey()))
                + (legacy == null ? "" : ", and those an older handoff made in " + env.show(legacy)));
        MaskedText.refuse(saved.document(), env.show(file), "the backup");
        validateBackup(env, file);
        StateKey origin = RestoreOrigin.recorded(file, saved.provider());
        RestoreOrigin.check(session, env.show(file), origin, toOtherTarget);
        env.err().println("handoff: restore does not check whether the remote changed since the backup; "
                + "the current remote is backed up before it is replaced");
        RemoteSnapshot remote = RemoteSnapshot.read(session.remote(), session.target().name(), saved.document(), env.redactor());
        if (origin == null) {
            RestoreOrigin.checkIds(session, env.show(file), saved, remote, toOtherTarget);
        }
        if (toOtherTarget) {
            saved = RestoreOrigin.retarget(session, saved);
        }
        warnSecretsNotInBackup(session, file, saved, remote);
        // shown, not refused: putting a backup's secrets back may be the very point of the restore
        SecretDrift drift = SecretDrift.of(session, saved.remoteVersion(), remote);
        return write(session, saved, remote, drift, options, Mode.RESTORE);
    }

    /**
     * A backup holds placeholders, and the variables give today's values: when this machine kept the fingerprints of the
     * secrets the backed-up remote held and the variables give others, restore cannot put those back, and says so before
     * its diff (which compares the remote with what will be sent, and read "secret unchanged").
     */
    private static void warnSecretsNotInBackup(Session session, Path backup, LocalConfig saved, RemoteSnapshot remote) {
        SyncEnvironment env = session.env();
        java.util.Set<String> other;
        try {
            ObjectNode sent = Secrets.resolve(saved.document(), env.env(), env.show(backup), remote.masked());
            Secrets.Masked masked = RemoteSnapshot.of(saved.provider(), sent, null, session.target().name(), saved.document(),
                    env.redactor()).masked();
            other = session.state().secretsOtherThanBackedUp(backup, masked).orElse(java.util.Set.of());
        } catch (RuntimeException e) {
            return; // an unset variable or an unreadable record is said where the restore needs it
        }
        if (!other.isEmpty()) {
            env.err().println("handoff: warning: when this backup was taken the remote held other values for " + String.join(", ",
                    other.stream().sorted().toList()) + " than the variables give now; a backup keeps no secret values, so restore"
                    + " sends the variables' values and cannot put those back (set the variables to the old values to restore them)");
        }
    }

    /** What the write is for: push stamps the local file, restore puts a backup back. */
    enum Mode {
        PUSH("push", "Push ", "pushed "), RESTORE("restore", "Restore ", "restored ");

        final String verb;
        final String question;
        final String done;

        Mode(String verb, String question, String done) {
            this.verb = verb;
            this.question = question;
            this.done = done;
        }
    }

    private static int write(Session session, LocalConfig desired, RemoteSnapshot remote, SecretDrift drift, Options options, Mode mode) {
        SyncEnvironment env = session.env();
        Provider provider = desired.provider();
        String name = session.target().name();
        ConfigRemote target = session.remote();
        String agentId = session.target().agentId();
        String fileId = desired.document().path("id").asText(null);
        if (provider == Provider.PLUGIT && agentId != null && fileId != null && !fileId.equals(agentId)) {
            throw HandoffException.usage(env.show(desired.file()) + ": id '" + fileId + "' is not the target's agent_id '" + agentId + "'",
                    "fix the id in the file or agent_id of targets." + name + " in " + env.show(session.project().path()));
        }
        DiffResult diff = DocumentDiff.compare(provider, remote.masked().document(), desired.document(),
                drift.comparator(remote, env.env()));
        if (!remote.exists()) {
            env.out().println("(the agent does not exist yet; it will be created)");
        }
        env.out().print(DiffRenderer.text(diff, env.color()));
        env.out().flush();
        if (remote.exists() && !diff.hasChanges()) {
            env.out().println("nothing to " + mode.verb);
            return 0;
        }
        java.util.List<String> kept = PatchKeeps.fieldsLeftOut(provider, remote.exists(), diff);
        if (!kept.isEmpty() && mode == Mode.RESTORE) {
            // a backup taken before the agent had the field: undoing the rest matters more than the field
            env.err().println("handoff: warning: " + PatchKeeps.quoted(kept) + (kept.size() == 1 ? " is" : " are") + " on the agent but not in"
                    + " the backup; a Plugit update (PATCH) keeps the fields it is not sent, so after the restore "
                    + (kept.size() == 1 ? "it is" : "they are") + " still there");
        } else if (!kept.isEmpty()) {
            throw HandoffException.usage(env.show(desired.file()) + ": " + PatchKeeps.quoted(kept) + (kept.size() == 1 ? " is" : " are") + " on the agent but not in the file,"
                            + " and a Plugit update (PATCH) keeps the fields it is not sent; nothing was sent",
                    "put " + (kept.size() == 1 ? "it" : "them") + " back in the file with the value you want ('handoff diff' shows the"
                            + " remote's), or remove " + (kept.size() == 1 ? "it" : "them") + " in Plugit itself");
        }
        if (options.dryRun()) {
            env.err().println("handoff: dry run; nothing was sent");
            return 0;
        }
        if (mode == Mode.PUSH) {
            requireReplaceable(env, desired.file());
        }
        ObjectNode resolved = Secrets.resolve(desired.document(), env.env(), env.show(desired.file()), remote.masked());
        int count = diff.effective().size();
        String question = mode.question + count + (count == 1 ? " change" : " changes") + " to '" + name
                + "' (" + target.location() + ")?";
        if (!confirmed(env, options, question, mode.verb)) {
            env.err().println("handoff: cancelled; nothing was sent");
            return 1;
        }
        GuardedWrite.Result written = GuardedWrite.run(session, desired, remote, resolved, mode, options.force());
        try (WriteInFlight applied = written.inFlight()) {
            PushReport.report(session, desired, mode, count, written);
        }
        return 0;
    }

    /**
     * After the write, push records the new {@code remote_version} (and ids) in the file: a file
     * that cannot be replaced is said now, before anything is sent, not after the remote changed.
     */
    private static void requireReplaceable(SyncEnvironment env, Path file) {
        try {
            AtomicFiles.checkReplaceable(file);
        } catch (IOException e) {
            throw HandoffException.usage(env.show(file) + ": " + IoMessages.reason(e) + "; push records the new remote_version in it "
                    + "after the write, so nothing was sent", "fix that (the file, its folder, the path), then push again");
        }
    }

    private static void validate(Session session, Path file) {
        SyncEnvironment env = session.env();
        // named as validate names it: relative to the work folder, or as given
        ValidationReport report = accept(session, file, ConfigValidator.validate(file, Path.of(env.show(file))));
        if (report.hasErrors()) {
            report.errors().forEach(f -> env.err().println(f));
            int n = report.errors().size();
            throw new HandoffException(HandoffException.Kind.CHECK_FAILED, env.show(file) + ": " + n
                    + (n == 1 ? " error" : " errors") + " (listed above); nothing was sent",
                    "fix them ('handoff validate " + env.show(file) + "' shows them all) and try again");
        }
        warnings(env, file, report);
    }

    /**
     * The warnings handoff.yaml accepts (accepted_warnings) are not counted, as validate does not count
     * them: "1 warning, see validate" where validate shows none sent the user looking for nothing.
     */
    private static ValidationReport accept(Session session, Path file, ValidationReport report) {
        Path project = session.project().path();
        Acceptances acceptances = Acceptances.load(project, Path.of(session.env().show(project)));
        return acceptances.isEmpty() ? report
                : acceptances.apply(List.of(report), List.of(file.toAbsolutePath().normalize())).reports().get(0);
    }

    private static void warnings(SyncEnvironment env, Path file, ValidationReport report) {
        int n = report.warnings().size();
        if (n > 0) {
            int accepted = report.accepted().size();
            env.err().println("handoff: " + n + (n == 1 ? " warning" : " warnings") + " in " + env.show(file)
                    + (accepted > 0 ? " (and " + accepted + " accepted in handoff.yaml)" : "")
                    + "; see 'handoff validate " + env.show(file) + "'");
        }
    }

    /**
     * A backup holds what the remote held, and that may break documented rules (a remote with
     * {@code emails: null}): refusing it would leave a push that cannot be undone, so the findings are
     * shown and the backup goes back as it was; the remote, which held it before, decides.
     */
    private static void validateBackup(SyncEnvironment env, Path file) {
        ValidationReport report = ConfigValidator.validate(file, Path.of(env.show(file)));
        if (report.hasErrors()) {
            report.errors().forEach(f -> env.err().println(f));
            int n = report.errors().size();
            env.err().println("handoff: warning: " + env.show(file) + " breaks " + n + (n == 1 ? " documented rule" : " documented rules")
                    + " (listed above); it is what the remote held when it was backed up, so restore puts it back as it was");
        }
        warnings(env, file, report);
    }

    private static Plan checkPlan(Session session, LocalConfig local, Path planFile) {
        SyncEnvironment env = session.env();
        Plan plan = Plan.read(env.workDir().resolve(planFile), Path.of(env.show(planFile)));
        if (!plan.target().equals(session.target().name())) {
            throw HandoffException.usage(env.show(planFile) + " is a plan for target '" + plan.target() + "', not '"
                    + session.target().name() + "'", "pass --target " + plan.target() + ", or make a new plan with 'handoff diff --out'");
        }
        if (plan.provider() != local.provider()) {
            throw HandoffException.usage(env.show(planFile) + " is a plan for a " + plan.provider().id() + " target, but '"
                    + session.target().name() + "' is " + local.provider().id(), "make a new plan with 'handoff diff --out "
                    + env.show(planFile) + "'");
        }
        StateKey here = session.stateKey();
        if (plan.remoteUrl() == null) {
            env.err().println("handoff: warning: " + env.show(planFile) + " does not record the remote it was made against (an older"
                    + " handoff's plan, or edited), so it is not checked to be this target's");
        }
        if (plan.remoteUrl() != null && (!plan.remoteUrl().equals(here.publicUrl())
                || !java.util.Objects.equals(plan.agentId(), here.agentId()))) {
            // two remotes with the same content pass the hashes: a plan reviewed against staging is not one for production
            throw HandoffException.usage(env.show(planFile) + " was made against " + plan.remoteUrl() + (plan.agentId() == null ? ""
                            : " (agent " + plan.agentId() + ")") + ", but this push writes to " + here.remote() + "; nothing was sent",
                    "make a plan against this remote with 'handoff diff --out " + env.show(planFile) + "' (with the push's --target and"
                            + " --api-url) and review that one");
        }
        if (!plan.localHash().equals(DiffOperation.localHash(local))) {
            throw HandoffException.conflict(env.show(local.file()) + " changed since " + env.show(planFile) + " was made; nothing was sent",
                    "review the changes again with 'handoff diff --out " + env.show(planFile) + "' and push that plan");
        }
        return plan;
    }

    /**
     * The plan's hashes leave secret values out: a variable set to another value since the plan was
     * made changes a secret nobody reviewed (or no longer changes one that was). Refused even with
     * --force, as a local file that moved on is: the plan is what was reviewed.
     */
    private static void checkPlanSecrets(Session session, LocalConfig local, Plan plan, Path planFile, RemoteSnapshot remote,
                                         SecretDrift drift) {
        SyncEnvironment env = session.env();
        DiffResult now = DocumentDiff.compare(local.provider(), remote.masked().document(), local.document(),
                drift.comparator(remote, env.env()));
        if (plan.sameSecretChanges(now)) {
            // only where the remote is the plan's: under --force a remote that moved since makes another diff, edited by nobody
            boolean planRemote = java.util.Objects.equals(plan.remoteHash(), remote.exists() ? remote.version() : null);
            // as JSON text: a number read back from the plan is another node type than the diff's, with the same value
            if (planRemote && (!plan.patch().toString().equals(now.patch().toString()) || !sameCounts(plan.summary(), now.summary()))) {
                // both hashes matched, so the diff is the plan's: a patch or summary that reads otherwise was edited after diff wrote it
                throw HandoffException.usage(env.show(planFile) + ": its patch or summary is not the diff of the file and remote it was"
                                + " made for (edited after 'handoff diff --out' wrote it?); nothing was sent",
                        "make the plan again with 'handoff diff --out " + env.show(planFile) + "' and review that one");
            }
            return;
        }
        boolean remoteMoved = !java.util.Objects.equals(plan.remoteHash(), remote.exists() ? remote.version() : null);
        boolean secretRotated = now.changes().stream().anyMatch(c -> c instanceof dev.handoff.diff.Change.SecretCompared sc
                && sc.changedOnRemote());
        if (remoteMoved || secretRotated) {
            // the remote moved since the plan (--force), or a secret was rotated on it (the hash leaves secrets out): not a variable
            throw HandoffException.conflict("the remote changed since " + env.show(planFile) + " was made, its secrets too, so this push"
                            + " would change other secrets than the plan was reviewed with; --force does not send secrets nobody reviewed;"
                            + " nothing was sent",
                    "review the remote as it is now with 'handoff diff --out " + env.show(planFile) + "' and push that plan");
        }
        List<String> changed = now.changes().stream()
                .filter(c -> c instanceof dev.handoff.diff.Change.SecretCompared s && s.isChange())
                .map(c -> c.path().display() + (((dev.handoff.diff.Change.SecretCompared) c).variable() == null ? ""
                        : " (" + ((dev.handoff.diff.Change.SecretCompared) c).variable() + ")")).toList();
        long recorded = plan.summary().path("secrets_changed").asLong(0);
        throw HandoffException.conflict("the secrets this push would change are not the ones " + env.show(planFile)
                        + " was reviewed with (it changes " + recorded + (recorded == 1 ? " secret" : " secrets") + "; now "
                        + (changed.isEmpty() ? "none" : String.join(", ", changed))
                        + "): a variable was set to another value since the plan was made; nothing was sent",
                "set the variables to the values the plan was made with, or review again with 'handoff diff --out "
                        + env.show(planFile) + "' and push that plan");
    }

    /**
     * The counts a reviewer reads, without those that depend on the machine the plan was made on (which variables were
     * set, which fingerprints it keeps): a plan made on a laptop without every secret is pushed from CI with them all.
     */
    private static boolean sameCounts(com.fasterxml.jackson.databind.JsonNode plan, com.fasterxml.jackson.databind.JsonNode now) {
        for (String key : List.of("changes", "added", "removed", "modified", "secrets_changed")) {
            if (!plan.path(key).toString().equals(now.path(key).toString())) {
                return false;
            }
        }
        return true;
    }

    private static boolean confirmed(SyncEnvironment env, Options options, String question, String verb) {
        if (options.yes()) {
            return true;
        }
        if (!env.terminalInput()) {
            // stdin is a file, a pipe or closed: nobody can answer (stdout alone piped is fine: push | tee log)
            throw HandoffException.usage("refusing to " + verb + " without confirmation: there is no terminal to ask on",
                    "review the diff above, then run again with --yes");
        }
        env.err().print(question + " [y/N] ");
        env.err().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
        } catch (IOException e) {
            return false;
        }
    }
}
