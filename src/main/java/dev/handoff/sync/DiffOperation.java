package dev.handoff.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.diff.DiffRenderer;
import dev.handoff.diff.DiffResult;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.files.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code handoff diff}: local file against the remote, as text or JSON, optionally saved as a plan. */
public final class DiffOperation {

    private DiffOperation() {
    }

    /** The diff of a target's file against its remote, with the hashes a plan records. */
    record Outcome(LocalConfig local, RemoteSnapshot remote, DiffResult result, Plan plan) {
    }

    static Outcome compute(Session session) {
        LocalConfig local = session.readLocal();
        RemoteSnapshot remote = RemoteSnapshot.read(session.remote(), session.target().name(), local.document(), session.env().redactor())
                .requireWordsYamlHolds();
        SecretDrift drift = SecretDrift.of(session, local.remoteVersion(), remote);
        DiffResult result = DocumentDiff.compare(local.provider(), remote.masked().document(), local.document(),
                drift.comparator(remote, session.env().env()));
        Plan plan = new Plan(session.target().name(), local.provider(), localHash(local), remote.version(),
                result.summary(), result.patch(), Plan.secretChanges(result), session.stateKey().publicUrl(), session.stateKey().agentId());
        return new Outcome(local, remote, result, plan);
    }

    /** @return 0 when there is nothing to push, 1 when there are changes */
    public static int run(Session session, boolean json, Path planFile) {
        SyncEnvironment env = session.env();
        Outcome o = compute(session);
        if (json) {
            ObjectNode root = DiffRenderer.json(o.result());
            root.put("target", session.target().name());
            root.put("local_hash", o.plan().localHash());
            root.put("remote_hash", o.plan().remoteHash());
            env.data().println(pretty(root));
            env.data().flush();
        } else {
            if (!o.remote().exists()) {
                env.out().println("(the agent does not exist yet; 'handoff push' creates it)");
                Path marker = PendingCreate.unconfirmed(session, o.local().file());
                if (marker != null) {
                    env.err().println("handoff: an earlier push of this file sent a create that was never confirmed (" + marker + "): an"
                            + " agent may exist; push the same file again from this machine and a server that made it answers with it");
                }
            }
            env.out().print(DiffRenderer.text(o.result(), env.color()));
        }
        env.out().flush();
        List<String> kept = PatchKeeps.fieldsLeftOut(o.local().provider(), o.remote().exists(), o.result());
        if (!kept.isEmpty()) {
            env.err().println("handoff: " + PatchKeeps.note(kept));
        }
        String recorded = o.local().remoteVersion();
        if (!o.result().hasChanges() && o.remote().exists() && recorded != null && !recorded.equals(o.remote().version())) {
            env.err().println("handoff: the remote already has this content, but " + env.show(o.local().file())
                    + " records an older remote_version; 'handoff fetch' records the current one");
        } else if (o.remote().exists() && recorded != null && !recorded.equals(o.remote().version())
                && !PushConflict.readsAsMadeFrom(session, recorded, o.remote())) {
            // the diff is file against remote: whose changes moved the remote, push tells (it refuses until that is settled)
            env.err().println("handoff: note: the remote changed since " + env.show(o.local().file()) + " was made (remote_version "
                    + FetchOperation.shortVersion(recorded) + ", now " + FetchOperation.shortVersion(o.remote().version())
                    + "); 'handoff push' shows what changed there");
        }
        if (planFile != null) {
            Path target = env.workDir().resolve(planFile);
            try {
                AtomicFiles.write(target, env.redactor().redact(o.plan().toText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            env.err().println("handoff: plan saved to " + env.show(target) + "; apply it with 'handoff push --plan "
                    + env.show(target) + "'");
        }
        return o.result().hasChanges() ? 1 : 0;
    }

    static String localHash(LocalConfig local) {
        return CanonicalForm.hash(local.provider(), local.document());
    }

    static String pretty(Object node) {
        try {
            return Yaml.json().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
