package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.Provider;
import dev.handoff.diff.ListMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * Ids the server holds for items the local file has without one (new custom guidelines, routing
 * profiles, availability slots; a Plugit agent push just created). Push writes them back into the
 * file, so the next push updates these items instead of creating them again.
 */
final class AssignedIds {

    /**
     * @param pointer JSON pointer of the object that gets the id in the local document ({@code ""}: the document)
     * @param label   how the user reads it: {@code custom_guidelines[name=Bulk orders]}
     */
    record Assigned(String pointer, String label, JsonNode id) {
        String display() {
            return label + ".id = " + id.asText();
        }
    }

    private AssignedIds() {
    }

    static List<Assigned> find(Provider provider, JsonNode local, JsonNode stored, String createdAgentId) {
        List<Assigned> out = new ArrayList<>();
        if (provider == Provider.PLUGIT) {
            if (createdAgentId != null && !local.hasNonNull("id")) {
                out.add(new Assigned("", "agent", TextNode.valueOf(createdAgentId)));
            }
            return out;
        }
        for (String list : StaleIds.ID_LISTS) {
            JsonNode localItems = local.path(list);
            JsonNode storedItems = stored.path(list);
            if (!localItems.isArray() || !storedItems.isArray()) {
                continue;
            }
            ListMatcher.Result m = ListMatcher.match(storedItems, localItems);
            for (ListMatcher.Pair pair : m.pairs()) {
                JsonNode l = localItems.get(pair.local());
                JsonNode s = storedItems.get(pair.remote());
                if (l.isObject() && !l.has("id") && s.hasNonNull("id")) {
                    String[] label = ListMatcher.label(l, pair, localItems, pair.local());
                    out.add(new Assigned("/" + list + "/" + pair.local(), list + "[" + label[0] + "=" + label[1] + "]", s.get("id")));
                }
            }
        }
        return out;
    }
}
