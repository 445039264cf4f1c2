package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fields the server owns. A read-only field ({@code settings.topic_based_routing_active}) is never a
 * change, whatever the file says; ids and timestamps the server assigns are not a change when the
 * file simply does not have them. {@link #carryOver} puts the server's values back before a write,
 * so that a push changes only what the file means to change.
 */
public final class ServerManaged {

    /** Server-assigned fields a file may leave out. */
    private static final Set<String> ASSIGNED = Set.of("id", "created_at", "updated_at");

    private ServerManaged() {
    }

    /** A field that is never compared: the server decides it. */
    public static boolean readOnly(Provider provider, DiffPath parent, String key) {
        return provider == Provider.QUICKCHAT && key.equals("topic_based_routing_active")
                && parent.segments().equals(List.of(new DiffPath.Field("settings")));
    }

    /** A field the server assigns; a file without it does not mean to remove it. */
    public static boolean assigned(String key) {
        return ASSIGNED.contains(key);
    }

    /**
     * A copy of {@code local} with the remote's read-only values and the ids of matched list elements
     * that the file leaves out, ready to send: unchanged elements keep their identity on the server.
     */
    public static ObjectNode carryOver(Provider provider, JsonNode remote, ObjectNode local) {
        ObjectNode copy = local.deepCopy();
        carry(provider, DiffPath.ROOT, remote, copy);
        return copy;
    }

    private static void carry(Provider provider, DiffPath path, JsonNode remote, JsonNode local) {
        if (remote == null) {
            return;
        }
        if (remote.isObject() && local.isObject()) {
            ObjectNode l = (ObjectNode) local;
            List<String> keys = new ArrayList<>();
            l.fieldNames().forEachRemaining(keys::add);
            remote.fieldNames().forEachRemaining(k -> {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            });
            for (String key : keys) {
                if (readOnly(provider, path, key)) {
                    if (remote.has(key)) {
                        l.set(key, remote.get(key).deepCopy());
                    } else {
                        l.remove(key);
                    }
                } else if (l.has(key)) {
                    carry(provider, path.field(key), remote.get(key), l.get(key));
                }
            }
        } else if (remote.isArray() && local.isArray()) {
            ListMatcher.Result m = ListMatcher.match(remote, local);
            for (ListMatcher.Pair pair : m.pairs()) {
                JsonNode r = remote.get(pair.remote());
                JsonNode l = local.get(pair.local());
                if (r.isObject() && l.isObject() && !l.has("id") && r.hasNonNull("id")) {
                    ((ObjectNode) l).set("id", r.get("id").deepCopy());
                }
                carry(provider, path.item("#", "", pair.remote()), r, l);
            }
        }
    }
}
