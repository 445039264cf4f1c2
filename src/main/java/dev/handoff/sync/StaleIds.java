package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.diff.ListMatcher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Restore brings back items that were deleted since the backup. The server refuses an id it no
 * longer knows ("unknown id"), so such an item is sent without it: the server creates it anew
 * with an id of its own, which is reported afterwards.
 */
final class StaleIds {

    /** Quickchat lists whose items carry server-assigned ids. */
    static final List<String> ID_LISTS = List.of("availability", "custom_guidelines", "routing_profiles");

    static final StaleIds NONE = new StaleIds(List.of());

    /** An item sent without its old id; {@code label} is how paths name it ({@code name=Billing}). */
    private record Stripped(String list, String key, String value, String oldId, JsonNode item) {
    }

    private final List<Stripped> stripped;

    private StaleIds(List<Stripped> stripped) {
        this.stripped = stripped;
    }

    /** Removes, in place, the ids of {@code body}'s list items that {@code remote} does not have. */
    static StaleIds strip(Provider provider, ObjectNode body, JsonNode remote) {
        if (provider != Provider.QUICKCHAT) {
            return NONE; // Plugit categories have no ids of their own
        }
        List<Stripped> out = new ArrayList<>();
        for (String list : ID_LISTS) {
            Set<String> known = new HashSet<>();
            remote.path(list).forEach(item -> {
                if (item.hasNonNull("id")) {
                    known.add(item.get("id").asText());
                }
            });
            JsonNode items = body.path(list);
            ListMatcher.Labeler labels = ListMatcher.labeler(items);
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (item.isObject() && item.hasNonNull("id") && !known.contains(item.get("id").asText())) {
                    String[] label = labels.label(item, null, i);
                    String oldId = item.get("id").asText();
                    ((ObjectNode) item).remove("id");
                    out.add(new Stripped(list, label[0], label[1], oldId, item.deepCopy()));
                }
            }
        }
        return new StaleIds(List.copyOf(out));
    }

    /** The id of an item restore sent without it: the server gave it a new one, as it had to. */
    boolean isRecreatedId(dev.handoff.diff.DiffPath path) {
        var s = path.segments();
        if (s.size() != 3 || !(s.get(0) instanceof dev.handoff.diff.DiffPath.Field list) || !(s.get(1) instanceof dev.handoff.diff.DiffPath.Item item)
                || !s.get(2).equals(new dev.handoff.diff.DiffPath.Field("id"))) {
            return false;
        }
        return stripped.stream().anyMatch(x -> x.list().equals(list.name()) && x.key().equals(item.key()) && x.value().equals(item.value()));
    }

    /** One line per recreated item with the id the server gave it, read from the stored document. */
    List<String> report(JsonNode stored) {
        List<String> lines = new ArrayList<>();
        for (Stripped s : stripped) {
            JsonNode items = stored.path(s.list());
            String newId = null;
            for (JsonNode candidate : items) {
                ObjectNode withoutId = candidate.deepCopy();
                withoutId.remove("id");
                if (candidate.hasNonNull("id") && (withoutId.equals(s.item())
                        || s.value().equals(ListMatcher.label(candidate, null, items, 0)[1]))) {
                    newId = candidate.get("id").asText();
                    break;
                }
            }
            lines.add("recreated " + s.list() + "[" + s.key() + "=" + s.value() + "]"
                    + (newId == null ? "" : " with id " + newId) + " (its old id " + s.oldId() + " is gone from the remote)");
        }
        return lines;
    }
}
