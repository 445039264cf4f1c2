package dev.handoff.sync;

import dev.handoff.config.Provider;
import dev.handoff.diff.Change;
import dev.handoff.diff.DiffPath;
import dev.handoff.diff.DiffResult;

import java.util.List;

/**
 * What a Plugit update cannot do: it is a PATCH, and the agent keeps every top-level field the body
 * leaves out. A field deleted from the file would stay on the remote while push reported success
 * (and "added by the server"), and every later diff would show the same removal again.
 */
final class PatchKeeps {

    private PatchKeeps() {
    }

    /** The top-level fields the remote has and the file has not, which a write would leave in place. */
    static List<String> fieldsLeftOut(Provider provider, boolean remoteExists, DiffResult diff) {
        if (provider != Provider.PLUGIT || !remoteExists) {
            return List.of();
        }
        return diff.effective().stream()
                .filter(c -> c instanceof Change.Removed)
                .map(Change::path)
                .filter(p -> p.segments().size() == 1 && p.segments().get(0) instanceof DiffPath.Field)
                .map(p -> ((DiffPath.Field) p.segments().get(0)).name())
                .toList();
    }

    static String quoted(List<String> fields) {
        return String.join(", ", fields.stream().map(f -> "'" + f + "'").toList());
    }

    static String note(List<String> fields) {
        return "note: a Plugit update (PATCH) keeps the fields it is not sent: " + quoted(fields)
                + (fields.size() == 1 ? " stays" : " stay") + " on the agent, and push refuses the removal;"
                + " put the field back with the value you want";
    }
}
