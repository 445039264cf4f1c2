package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.diff.DocumentDiff;
import dev.handoff.diff.SecretComparator;
import dev.handoff.error.HandoffException;
import dev.handoff.remote.ConfigRemote;

import java.util.ArrayList;
import java.util.List;

/**
 * What a write's own answer and the read after it say about whose document the remote holds: the one
 * the write stored, a later writer's, or an agent the write did not make.
 */
final class AfterWrite {

    private AfterWrite() {
    }

    /** The remote holds exactly {@code body}, secrets' values included (the diff leaves them out). */
    static boolean holdsWhatWasSent(Session session, LocalConfig desired, ObjectNode body, RemoteSnapshot after) {
        SyncEnvironment env = session.env();
        if (after == null || !after.exists()) {
            return false;
        }
        RemoteSnapshot sent = RemoteSnapshot.of(desired.provider(), body, null, session.target().name(), desired.document(), env.redactor());
        // the remote as the "remote" side: the ids it assigned to items the body sent without one are no difference
        return !DocumentDiff.compare(desired.provider(), after.clear(), body, SecretComparator.NONE).hasChanges()
                && sent.holdsTheSameSecretsAs(after);
    }

    /**
     * The write's answer when it holds exactly what was sent while the read after it does not: the write
     * stored the body, and the difference came after it (another writer between the write and the read,
     * or the server changing what it stored). Recording the later read as the file's version would make
     * the next push send the file's text over that change unseen; the version the write stored is
     * recorded instead, so the next push stops (exit 5) and shows it. Null otherwise.
     */
    static RemoteSnapshot storedByTheWrite(Session session, LocalConfig desired, ConfigRemote.WriteOutcome outcome, ObjectNode body,
                                           RemoteSnapshot readBack) {
        if (outcome.answer() == null || holdsWhatWasSent(session, desired, body, readBack)) {
            return null;
        }
        RemoteSnapshot answered;
        try {
            answered = RemoteSnapshot.of(desired.provider(), outcome.answer(), null, session.target().name(), desired.document(),
                    session.env().redactor());
        } catch (RuntimeException unreadable) {
            return null;
        }
        return holdsWhatWasSent(session, desired, body, answered) ? answered : null;
    }

    /**
     * A create answered with an agent that holds none of what was sent (another title, another prompt,
     * none of the categories) is no agent this push made: a server answering another request's reply,
     * or a proxy's mix-up. Recording its id would make the next push overwrite that agent, secrets
     * included. Nothing is recorded and the create's key is kept, so a push of the same file sends it
     * again and cannot make a second agent.
     */
    static void refuseAForeignAgent(Session session, ConfigRemote.WriteOutcome outcome, ObjectNode body, RemoteSnapshot stored,
                                    PushOperation.Mode mode) {
        if (outcome.createdId() == null) {
            return;
        }
        List<String> differ = differingFields(body, stored.clear());
        if (differ == null) {
            return;
        }
        throw HandoffException.remote(outcome.method() + " " + outcome.url() + " was answered with agent " + outcome.createdId()
                        + ", which holds none of what was sent (" + String.join(", ", differ) + " differ): that is not the agent this "
                        + mode.verb + " made; nothing was recorded",
                "look in Plugit for the agent this " + mode.verb + " made and add its id as agent_id to targets."
                        + session.target().name() + " in " + session.env().show(session.project().path()) + "; do not use "
                        + outcome.createdId(), null);
    }

    /** The top-level fields where {@code stored} differs from {@code sent}, when it shares none of them; else null. */
    static List<String> differingFields(ObjectNode sent, JsonNode stored) {
        List<String> differ = new ArrayList<>();
        for (var it = sent.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode there = stored.get(field.getKey());
            if (field.getKey().equals("id") || there == null || there.isNull()) {
                continue; // a field the server dropped is said by the check after the write
            }
            if (field.getValue().equals(there) || sharesAnItem(field.getValue(), there)) {
                return null;
            }
            differ.add(field.getKey());
        }
        return differ.isEmpty() ? null : differ;
    }

    /** Two lists with an item in common: equal, or of the same title or name (the server may have changed the rest). */
    private static boolean sharesAnItem(JsonNode sent, JsonNode stored) {
        if (!sent.isArray() || !stored.isArray()) {
            return false;
        }
        for (JsonNode a : sent) {
            for (JsonNode b : stored) {
                if (a.equals(b) || sameText(a, b, "title") || sameText(a, b, "name")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameText(JsonNode a, JsonNode b, String key) {
        return a.path(key).isTextual() && a.path(key).asText().equals(b.path(key).asText());
    }
}
