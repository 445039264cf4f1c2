package dev.handoff.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The document a write sends, with its lists in the remote's order: the local file is canonical (lists sorted), and sent
 * as it is, a one-field push put every routing profile, guideline, slot and keyword of the remote in handoff's order, which
 * the diff ("1 change") did not show and a restore could not undo. Items the remote has keep their places; new ones follow
 * in the file's order. A list under a key handoff does not know is sent as written (its order may mean something).
 */
public final class RemoteOrder {

    private RemoteOrder() {
    }

    public static ObjectNode keep(Provider provider, JsonNode remote, ObjectNode body) {
        ObjectNode copy = body.deepCopy();
        walk(provider, new ArrayList<>(), remote, copy);
        return copy;
    }

    private static void walk(Provider provider, List<String> steps, JsonNode remote, JsonNode local) {
        if (remote == null) {
            return;
        }
        if (remote.isObject() && local.isObject()) {
            local.properties().forEach(e -> {
                steps.add(e.getKey());
                walk(provider, steps, remote.get(e.getKey()), e.getValue());
                steps.remove(steps.size() - 1);
            });
        } else if (remote.isArray() && local.isArray() && !CanonicalForm.underUnknownKey(provider, steps)) {
            ArrayNode l = (ArrayNode) local;
            int[] place = new int[l.size()];
            java.util.Arrays.fill(place, Integer.MAX_VALUE);
            if (plain(remote) && plain(l)) {
                for (int i = 0; i < l.size(); i++) {
                    for (int r = 0; r < remote.size(); r++) {
                        if (DocumentDiff.same(remote.get(r), l.get(i))) {
                            place[i] = r;
                            break;
                        }
                    }
                }
            } else {
                for (ListMatcher.Pair pair : ListMatcher.match(remote, l).pairs()) {
                    place[pair.local()] = pair.remote();
                    steps.add("[]");
                    walk(provider, steps, remote.get(pair.remote()), l.get(pair.local()));
                    steps.remove(steps.size() - 1);
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                order.add(i);
            }
            // stable: items new to the remote keep the file's order after those it has
            order.sort(Comparator.comparingInt(i -> place[i]));
            List<JsonNode> items = new ArrayList<>();
            order.forEach(i -> items.add(l.get(i)));
            l.removeAll();
            items.forEach(l::add);
        }
    }

    private static boolean plain(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
