package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.config.yaml.Words;
import dev.handoff.error.HandoffException;
import dev.handoff.remote.ConfigRemote;
import dev.handoff.secret.Redactor;

/**
 * The remote document as read now: canonical with secrets in clear (memory only), masked with
 * the local file's placeholder names, its version hash and the server's ETag. Every clear secret
 * is added to the run's {@link Redactor} as it is read.
 *
 * @param etag   the ETag the server sent with the document, or null
 * @param exists false for a Plugit agent not created yet (then the documents are empty)
 * @param order  the document as the server sent it, in its own order (secrets in clear): a write keeps that order
 */
record RemoteSnapshot(Provider provider, ObjectNode clear, Secrets.Masked masked, String version, String etag, boolean exists,
                      JsonNode order) {

    static RemoteSnapshot read(ConfigRemote remote, String targetName, JsonNode localDocument, Redactor redactor) {
        if (!remote.exists()) {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            return new RemoteSnapshot(remote.provider(), empty, Secrets.mask(remote.provider(), targetName, empty, localDocument),
                    null, null, false, empty);
        }
        ConfigRemote.Read read = remote.fetch();
        return of(remote.provider(), read.document(), read.etag(), targetName, localDocument, redactor);
    }

    /** A document the server sent otherwise (the answer to a write), taken as what it stores. */
    static RemoteSnapshot of(Provider provider, ObjectNode document, String etag, String targetName, JsonNode localDocument,
                             Redactor redactor) {
        ObjectNode doc = CanonicalForm.canonicalize(provider, document);
        Secrets.Masked masked = Secrets.mask(provider, targetName, doc, localDocument);
        masked.secrets().forEach(secret -> Secrets.redactable(secret.value()).forEach(redactor::add));
        refuseHalfCharacters(doc);
        // the document in the server's own order, which a write keeps (RemoteOrder); everything else reads the canonical one
        return new RemoteSnapshot(provider, doc, masked, Secrets.remoteVersion(provider, doc), etag, true, document);
    }

    /**
     * For fetch and diff, which write or print the remote: a text the local YAML could not hold.
     * handoff reads no word over {@link Words#MAX} characters (the YAML reader slows down
     * quadratically), so a file written with it would be refused at its own line, as if the user had
     * written it. Said as the remote's, before anything is written. Push does not refuse it: pushing
     * a shorter text is how to repair such a remote.
     */
    RemoteSnapshot requireWordsYamlHolds() {
        Overlong o = firstOverlong(masked.document());
        if (o != null) {
            throw HandoffException.remote(o.description() + " (the local YAML could not hold it; nothing was written)",
                    o.key() ? "rename that key on the remote, then run this again"
                            : "shorten or break up that text on the remote (in the vendor's app), then run this again", null);
        }
        return this;
    }

    /**
     * Where the remote holds a text the local YAML cannot hold, as {@link #requireWordsYamlHolds}
     * names it ("the remote's ... holds more than ..."); null when it holds none. A backup of this
     * remote holds that text too, and restore (which reads YAML) cannot put it back.
     */
    String overlongText() {
        Overlong o = firstOverlong(masked.document());
        return o == null ? null : o.description();
    }

    /** The first text or key longer than the local YAML holds: where it is, and whether it is a key. */
    private record Overlong(String at, boolean key) {
        String description() {
            return "the remote's " + at + (key ? " has a key of " : " holds ") + Words.MESSAGE.replaceFirst("; .*", "");
        }
    }

    private static Overlong firstOverlong(JsonNode document) {
        Overlong[] found = new Overlong[1];
        walkTexts(document, "", (text, at, key) -> {
            if (found[0] == null && Words.firstTooLong(key ? text : asYamlWrites(text)).isPresent()) {
                found[0] = new Overlong(at, key);
            }
        });
        return found[0];
    }

    /**
     * The text as long as YAML writes it: a character YAML cannot show as it is (a control or format
     * character) becomes an escape such as \x01 or \u200B, at most six characters, in the same word.
     */
    private static String asYamlWrites(String text) {
        boolean plain = text.codePoints().noneMatch(RemoteSnapshot::escaped);
        if (plain) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (escaped(c)) {
                b.append("\\u0000");
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static boolean escaped(int c) {
        return c != '\n' && c != '\t' && c != ' ' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /**
     * Half of a surrogate pair is no character: UTF-8 cannot carry it, so a file, a backup and every
     * write would hold '?' or another character in its place, and a push would change that text
     * without listing it. Refused for every command, naming the field.
     */
    private static void refuseHalfCharacters(JsonNode node) {
        walkTexts(node, "", (text, at, key) -> {
            if (hasUnpairedSurrogate(text)) {
                throw HandoffException.remote("the remote's " + at + (key ? " has a key" : " holds a text")
                                + " with half of a surrogate pair (no character; UTF-8 cannot carry it), so handoff cannot keep it as it is;"
                                + " nothing was written or sent",
                        "fix that text on the remote (in the vendor's app), then run this again", null);
            }
        });
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private interface TextCheck {
        void check(String text, String path, boolean key);
    }

    /** Every text value and key, with its path as validate shows it (an item by its name or title: its index moves). */
    private static void walkTexts(JsonNode node, String path, TextCheck check) {
        if (node.isTextual()) {
            check.check(node.asText(), path.isEmpty() ? "document" : path, false);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String label = item.path("name").isTextual() ? "name=" + item.get("name").asText()
                        : item.path("title").isTextual() ? "title=" + item.get("title").asText() : String.valueOf(i);
                walkTexts(item, path + "[" + dev.handoff.text.Shorten.to(label, 45) + "]", check);
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                String name = e.getKey();
                check.check(name, path.isEmpty() ? "document" : path, true);
                String shown = dev.handoff.text.Shorten.to(name, 40);
                walkTexts(e.getValue(), path.isEmpty() ? shown : path + "." + shown, check);
            }
        }
    }

    /**
     * True when {@code later} is not the document this snapshot saw, secrets included: the version
     * hash leaves them out, so a secret rotated in between is compared here, in memory.
     */
    boolean movedIn(RemoteSnapshot later) {
        return exists && (!secretsChangedIn(later).isEmpty() || (!version.equals(later.version()) && !readsTheSameAs(later.masked().document())));
    }

    /**
     * Whether this remote reads as {@code other} (a masked document) does, item for item as diff compares them: a server that
     * answers a set's items (keywords, e-mails) in another order on every read changes the version hash, which keeps order,
     * and made every push refuse, --force included.
     */
    boolean readsTheSameAs(JsonNode other) {
        return !dev.handoff.diff.DocumentDiff.compare(provider, other, masked.document(), dev.handoff.diff.SecretComparator.NONE)
                .hasChanges();
    }

    /** Whether both hold secrets at the same paths with the same values. */
    boolean holdsTheSameSecretsAs(RemoteSnapshot other) {
        java.util.Map<String, JsonNode> mine = new java.util.HashMap<>();
        masked.secrets().forEach(s -> mine.put(s.path(), s.value()));
        java.util.Map<String, JsonNode> theirs = new java.util.HashMap<>();
        other.masked().secrets().forEach(s -> theirs.put(s.path(), s.value()));
        return mine.equals(theirs);
    }

    /** The paths of the secrets both snapshots have with different values (never the values). */
    java.util.List<String> secretsChangedIn(RemoteSnapshot later) {
        java.util.Map<String, JsonNode> then = new java.util.HashMap<>();
        masked.secrets().forEach(s -> then.put(s.path(), s.value()));
        return later.masked().secrets().stream()
                .filter(s -> then.containsKey(s.path()) && !then.get(s.path()).equals(s.value()))
                .map(Secrets.Secret::path).toList();
    }
}
