package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.files.IoMessages;
import dev.handoff.remote.PlugitRemote;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The Idempotency-Key of a Plugit create (POST), kept in the state folder of the target's remote
 * ({@code creates/<key>.json}, {@link StateKey#folder}) from before the POST until the created
 * agent's id is recorded. A later run of the same target on this machine with the same body sends
 * the same key, so that a create whose answer was lost is answered with the agent it made, not a
 * second one. Any other create gets a random key: two targets made from one template, or an agent
 * created again after it was deleted, are separate agents. The body (which holds the webhook secrets
 * in clear) is kept only as an HMAC with the machine's fingerprint key ({@link SecretFingerprints}),
 * which never leaves the state folder: the marker alone lets nobody test guesses of a secret.
 */
final class PendingCreate {

    private final Path file;
    private final String key;
    private final boolean reused;

    private PendingCreate(Path file, String key, boolean reused) {
        this.file = file;
        this.key = key;
        this.reused = reused;
    }

    /**
     * The key for this create: the pending one when it was made from this very project file, local
     * file and body, else a new one, recorded before the POST. A marker that exists but does not
     * match (the file or its secrets changed since, another project, a damaged marker) is said: the
     * earlier create may have made an agent nobody recorded.
     *
     * @param origin the project file and the local file the create is made from
     */
    static PendingCreate begin(StateFiles state, StateKey target, ObjectNode body, String origin, PrintWriter err) {
        Path file = state.pendingCreateFile(target, origin);
        SecretFingerprints keyed = state.fingerprints();
        String pending = pendingKey(file, origin, body, keyed);
        if (pending != null) {
            return new PendingCreate(file, pending, true);
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            err.println("handoff: warning: an earlier create of this target from this file was never confirmed, and the file or its"
                    + " secrets changed since (" + file + "): if it made an agent, that agent is not recorded anywhere; look for it"
                    + " in Plugit (add its id as agent_id to use it). This create makes a new agent");
        }
        String key = PlugitRemote.newCreateKey();
        ObjectNode marker = JsonNodeFactory.instance.objectNode();
        marker.put("idempotency_key", key);
        marker.put("body_hmac", hmac(keyed, key, origin, body));
        try {
            // a link planted where the marker goes is not written through
            Files.deleteIfExists(file);
            state.writePrivate(file, (marker.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot record the create's Idempotency-Key (" + IoMessages.reason(e) + "); nothing was sent",
                    "free space or fix the permissions there (XDG_STATE_HOME moves the state folder), then run this again");
        }
        return new PendingCreate(file, key, false);
    }

    /** What a create is made from: the project file and the local file (another of either is another agent). */
    static String origin(Session session, Path localFile) {
        return session.project().path().toAbsolutePath().normalize() + "\n" + localFile.toAbsolutePath().normalize();
    }

    /** The marker of a create from this origin that was never confirmed, or null. */
    static Path unconfirmed(Session session, Path localFile) {
        Path file = session.state().pendingCreateFile(session.stateKey(), origin(session, localFile));
        return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    String key() {
        return key;
    }

    /** True when the key is that of an earlier run's create whose agent's id was never recorded. */
    boolean reused() {
        return reused;
    }

    /** The create is settled (its agent's id recorded, or the server refused it): a later create gets a new key. */
    void done(PrintWriter err) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            err.println("handoff: warning: " + file + ": cannot remove the create's pending Idempotency-Key (" + IoMessages.reason(e)
                    + "); remove it by hand, or the next create of this target from the same file is answered with this agent");
        }
    }

    private static String pendingKey(Path file, String origin, ObjectNode body, SecretFingerprints keyed) {
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            JsonNode marker = Yaml.json().readTree(Files.readString(file, StandardCharsets.UTF_8));
            String key = marker.path("idempotency_key").asText("");
            String mac = marker.path("body_hmac").asText("");
            return key.matches("handoff-[0-9a-f]{64}") && MessageDigest.isEqual(mac.getBytes(StandardCharsets.UTF_8),
                    hmac(keyed, key, origin, body).getBytes(StandardCharsets.UTF_8)) ? key : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: a new key (at worst the lost create's agent is made twice, as without a marker)
        }
    }

    private static String hmac(SecretFingerprints keyed, String key, String origin, ObjectNode body) {
        return keyed.keyed(key + "\n" + origin + "\n" + CanonicalForm.toJson(Provider.PLUGIT, body));
    }
}
