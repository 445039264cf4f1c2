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
     * What the write stored, from its own answer, when the read after it holds something else: the difference came after
     * the write (another writer between the write and the read). Recording the later read as the file's version would
     * make the next push send the file's text over that change unseen; the version the write stored is recorded instead,
     * so the next push stops (exit 5) and shows it. Null when the answer cannot tell (no document, another document), or
     * when only fields the server manages moved since (an {@code updated_at} the server sets after its answer).
     */
    static RemoteSnapshot storedByTheWrite(Session session, LocalConfig desired, ConfigRemote.WriteOutcome outcome, ObjectNode body,
                                           RemoteSnapshot readBack) {
        if (outcome.answer() == null || outcome.answer().isEmpty() || holdsWhatWasSent(session, desired, body, readBack)) {
            return null;
        }
        RemoteSnapshot answered;
        RemoteSnapshot sent;
        try {
            answered = snapshot(session, desired, outcome.answer());
            sent = snapshot(session, desired, body);
        } catch (RuntimeException unreadable) {
            return null;
        }
        RemoteSnapshot written = holdsWhatWasSent(session, desired, body, answered) ? answered : withSentSecrets(session, desired, answered, sent);
        if (written == null || onlyServerManagedMoved(written, readBack)) {
            return null;
        }
        return written;
    }

    static RemoteSnapshot snapshot(Session session, LocalConfig desired, ObjectNode document) {
        return RemoteSnapshot.of(desired.provider(), document, null, session.target().name(), desired.document(), session.env().redactor());
    }

    /**
     * An answer that holds what was sent but shows secrets masked ("****AbCd", as APIs that keep credentials do): the
     * write stored the sent values, which the answer does not show. Null when anything else differs.
     */
    private static RemoteSnapshot withSentSecrets(Session session, LocalConfig desired, RemoteSnapshot answered, RemoteSnapshot sent) {
        // placeholders stand for the values on both sides: the documents compare as sent, secrets aside
        if (DocumentDiff.compare(desired.provider(), answered.masked().document(), sent.masked().document(), SecretComparator.NONE).hasChanges()) {
            return null;
        }
        java.util.Map<String, JsonNode> values = sent.masked().clear();
        ObjectNode document = answered.clear().deepCopy();
        for (Secrets.Secret secret : answered.masked().secrets()) {
            JsonNode value = values.get(secret.pointer());
            if (value == null || !PointerEdits.set(document, secret.pointer(), value)) {
                return null; // not at the same place: the answer cannot tell what was stored
            }
        }
        return snapshot(session, desired, document);
    }

    /** Only ids and timestamps the server assigns differ: its own doing after the answer, said as before. */
    private static boolean onlyServerManagedMoved(RemoteSnapshot written, RemoteSnapshot later) {
        if (!written.secretsChangedIn(later).isEmpty()) {
            return false;
        }
        return DocumentDiff.compare(written.provider(), written.masked().document(), later.masked().document(), SecretComparator.NONE)
                .changes().stream().filter(c -> !(c instanceof dev.handoff.diff.Change.SecretCompared)) // compared above, by value
                .allMatch(c -> dev.handoff.diff.ServerManaged.assigned(String.valueOf(c.path().lastField())));
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
                        + ", which holds none of what was sent (" + String.join(", ", differ) + (differ.size() == 1 ? " differs" : " differ")
                        + "): it may be another bot's"
                        + " agent, so nothing was recorded and the next " + mode.verb + " will not write to it",
                "if " + outcome.createdId() + " is the agent you meant (a server that rewrote the title, prompt and category titles),"
                        + " add 'agent_id: " + outcome.createdId() + "' to targets." + session.target().name() + " in "
                        + session.env().show(session.project().path()) + " and run 'handoff fetch --force' (it replaces the file with that"
                        + " agent); if it is another bot, look in Plugit"
                        + " for the agent this " + mode.verb + " made and add its id instead", null);
    }

    /** The fields that tell agents apart; a model name or a language most agents of an account share says nothing. */
    private static final List<String> IDENTITY = List.of("title", "name", "prompt");

    /**
     * The identifying fields (title, name, prompt, the titles of list items) where {@code stored} differs from {@code sent},
     * when it shares none of them; else null (also when none could be compared).
     */
    static List<String> differingFields(ObjectNode sent, JsonNode stored) {
        List<String> named = namedDiffering(sent, stored);
        if (named != null) {
            return named.isEmpty() ? null : named;
        }
        List<String> differ = new ArrayList<>();
        for (var it = sent.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode there = stored.get(field.getKey());
            boolean identifying = IDENTITY.contains(field.getKey()) && field.getValue().isTextual() || titledItems(field.getValue());
            if (!identifying || there == null || there.isNull()) {
                continue; // a field the server dropped is said by the check after the write
            }
            if (field.getValue().equals(there) || sharesAnItem(field.getValue(), there)) {
                return null;
            }
            differ.add(field.getKey());
        }
        return differ.isEmpty() ? null : differ;
    }

    /**
     * Title and prompt are what tell one bot from another; a category title does not ("human_handoff" is the vendor's own
     * example, so most agents share it). When the create sent a title or a prompt, the answer is this push's agent only if
     * it holds one of them: the fields that differ (empty when one matches), else null when neither was sent.
     */
    private static List<String> namedDiffering(ObjectNode sent, JsonNode stored) {
        List<String> differ = new ArrayList<>();
        boolean compared = false;
        for (String key : List.of("title", "prompt")) {
            JsonNode value = sent.get(key);
            JsonNode there = stored.get(key);
            if (value == null || !value.isTextual() || there == null || there.isNull()) {
                continue;
            }
            compared = true;
            if (value.equals(there)) {
                return List.of();
            }
            differ.add(key);
        }
        if (!compared) {
            return null;
        }
        List<String> categories = differingFields(sent.deepCopy().without(List.of("title", "prompt", "name")), stored);
        if (categories != null) {
            differ.addAll(categories);
        }
        return differ;
    }

    private static boolean titledItems(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return false;
        }
        for (JsonNode item : list) {
            if (!item.path("title").isTextual() && !item.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** Two lists with an item of the same title or name (the server may have changed the rest). */
    private static boolean sharesAnItem(JsonNode sent, JsonNode stored) {
        if (!sent.isArray() || !stored.isArray()) {
            return false;
        }
        for (JsonNode a : sent) {
            for (JsonNode b : stored) {
                if (sameText(a, b, "title") || sameText(a, b, "name")) {
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
