package dev.handoff.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Restore puts a backup back on the remote it was taken from, not on another bot. A backup
 * records its target and remote ({@link StateKey#toHeader}); one made for another target or
 * another remote is refused (exit 2, nothing sent) unless {@code --to-other-target}. A backup of
 * an older handoff records neither: it is refused when none of its ids exist on the remote, the
 * sign of another bot.
 */
final class RestoreOrigin {

    static final String OVERRIDE = "--to-other-target";

    private RestoreOrigin() {
    }

    /** The target and remote the backup records, or null when it records none. */
    static StateKey recorded(Path backup, Provider provider) {
        try {
            return StateKey.fromHeader(YamlFiles.readTree(backup).get(LocalConfig.HEADER), provider);
        } catch (RuntimeException e) {
            return null; // it was read once already; a problem there is reported by that read
        }
    }

    /** Before anything is sent: the backup's recorded target and remote are this restore's. */
    static void check(Session session, String backup, StateKey origin, boolean toOtherTarget) {
        StateKey here = session.stateKey();
        if (origin == null || origin.target().equals(here.target()) && origin.sameRemote(here)) {
            return;
        }
        String what = "taken from target '" + origin.target() + "' (" + origin.remote() + "), but this restore writes to target '"
                + here.target() + "' (" + here.remote() + ")";
        if (toOtherTarget) {
            session.env().err().println("handoff: warning: " + backup + " was " + what + " (" + OVERRIDE + ")");
            return;
        }
        String hint;
        if (!origin.target().equals(here.target()) && session.project().targets().containsKey(origin.target())) {
            hint = "restore it to its own target with --target " + origin.target() + "; to write it to '" + here.target()
                    + "' all the same (another bot's configuration is replaced), add " + OVERRIDE;
        } else {
            hint = "check the backup and the target's url and agent_id in " + session.env().show(session.project().path())
                    + " (or --api-url); to write it to this remote all the same, add " + OVERRIDE;
        }
        throw HandoffException.usage(backup + ": a backup " + what + "; nothing was sent", hint);
    }

    /**
     * For a backup that records no target (made by an older handoff), after the remote was read:
     * when the backup holds ids and the remote has none of them, it is another bot's backup.
     */
    static void checkIds(Session session, String backup, LocalConfig saved, RemoteSnapshot remote, boolean toOtherTarget) {
        if (!remote.exists()) {
            return;
        }
        Set<String> theirs = ids(saved.provider(), saved.document());
        Set<String> ours = ids(saved.provider(), remote.masked().document());
        if (theirs.isEmpty() || theirs.stream().anyMatch(ours::contains)) {
            return;
        }
        StateKey here = session.stateKey();
        List<String> shown = new ArrayList<>(theirs);
        String list = String.join(", ", shown.subList(0, Math.min(5, shown.size()))) + (shown.size() > 5 ? ", ..." : "");
        String what = "records no target (made by an older handoff), and none of its ids (" + list + ") exist on target '"
                + here.target() + "' (" + here.remote() + "): it looks like a backup of another bot";
        if (toOtherTarget) {
            session.env().err().println("handoff: warning: " + backup + " " + what + " (" + OVERRIDE + ")");
            return;
        }
        throw HandoffException.usage(backup + " " + what + "; nothing was sent",
                "check that it is a backup of '" + here.target() + "' (those are in " + session.env().show(
                        session.state().backupFolder(here)) + "); to restore it there all the same, add " + OVERRIDE);
    }

    /**
     * The backup made ready for another agent ({@code --to-other-target}): a Plugit document's
     * {@code id} names the agent it was taken from, and becomes the target's.
     */
    static LocalConfig retarget(Session session, LocalConfig saved) {
        String agent = session.stateKey().agentId();
        if (saved.provider() != Provider.PLUGIT || !saved.document().has("id")) {
            return saved;
        }
        ObjectNode doc = saved.document().deepCopy();
        if (agent == null) {
            doc.remove("id");
        } else {
            doc.put("id", agent);
        }
        return new LocalConfig(saved.file(), saved.provider(), doc, saved.remoteVersion());
    }

    /** The ids of the items (Quickchat) or the agent (Plugit) a document holds, as {@code custom_guidelines 30}. */
    static Set<String> ids(Provider provider, JsonNode document) {
        Set<String> ids = new LinkedHashSet<>();
        if (provider == Provider.PLUGIT) {
            if (document.hasNonNull("id")) {
                ids.add("agent " + document.get("id").asText());
            }
            return ids;
        }
        for (String list : StaleIds.ID_LISTS) {
            for (JsonNode item : document.path(list)) {
                if (item.hasNonNull("id") && item.get("id").isValueNode()) {
                    ids.add(list + " " + item.get("id").asText());
                }
            }
        }
        return ids;
    }
}
