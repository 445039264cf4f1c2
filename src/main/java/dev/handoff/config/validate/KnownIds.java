package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one contract rule that needs the remote: an {@code id} in the file must be one the remote
 * has (the server answers 400 "unknown id" otherwise). Push calls it right after reading the
 * remote, before asking for confirmation; {@code validate} works offline and cannot.
 */
public final class KnownIds {

    private KnownIds() {
    }

    /**
     * The ids of {@code file} that the fetched {@code remote} document does not have, one error
     * each, at the id's line and column.
     */
    public static ValidationReport check(Provider provider, Path file, Path shownAs, JsonNode remote) {
        String text = YamlFiles.readUtf8(file, shownAs, YamlFiles.MAX_BYTES);
        Checker c = new Checker(LocatedTree.parse(shownAs, text));
        Cursor local = Cursor.root(c.tree().root());
        for (ContractRule rule : rules(provider)) {
            if (!(rule.check() instanceof ContractRule.Check.KnownToRemote)) {
                continue;
            }
            Set<String> known = new HashSet<>();
            List<String> shown = new ArrayList<>();
            for (Cursor id : Contract.resolve(Cursor.root(remote), rule.path())) {
                if (id.node().isValueNode() && !id.node().isNull() && known.add(id.node().asText())) {
                    shown.add(id.node().asText());
                }
            }
            for (Cursor id : Contract.resolve(local, rule.path())) {
                if (id.node().isIntegralNumber() && !known.contains(id.node().asText())) {
                    String list = rule.path().substring(0, rule.path().indexOf("[]"));
                    c.report(rule, id, false, "id " + id.node().asText() + " is not an id the remote has"
                                    + (shown.isEmpty() ? " (it has no " + list + " with an id)" : " (it has " + String.join(", ", shown.subList(0, Math.min(10, shown.size())))
                                    + (shown.size() > 10 ? ", ..." : "") + ")"),
                            "the item was deleted on the server, or the id was typed by hand: remove the id line to create "
                                    + "the item anew, or run 'handoff fetch' to start from the remote's ids");
                }
            }
        }
        return new ValidationReport(shownAs, c.findings());
    }

    /** {@link #check}, then refuses (exit 1) when an id is unknown, listing each on {@code err}. */
    public static void require(Provider provider, Path file, Path shownAs, JsonNode remote, PrintWriter err) {
        ValidationReport report = check(provider, file, shownAs, remote);
        if (report.hasErrors()) {
            for (Finding f : report.errors()) {
                err.println(f);
                err.println("    " + f.hint());
            }
            int n = report.errors().size();
            throw new HandoffException(HandoffException.Kind.CHECK_FAILED, shownAs + ": " + n + (n == 1 ? " id" : " ids")
                    + " the remote does not know (listed above); nothing was sent",
                    "remove the ids of items that should be created anew, then push again");
        }
    }

    static List<ContractRule> rules(Provider provider) {
        return provider == Provider.QUICKCHAT ? QuickchatContract.RULES : provider == Provider.PLUGIT ? PlugitContract.RULES : List.of();
    }
}
