package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.validate.ContractRule.Check;

import java.util.ArrayList;
import java.util.List;

/** Applies a provider's contract table ({@link ContractRule}s) to a document. */
final class Contract {

    private Contract() {
    }

    /** Checks every rule that needs nothing but the document ({@link Check.KnownToRemote} needs the remote). */
    static void check(Checker c, Cursor root, List<ContractRule> rules) {
        for (ContractRule rule : rules) {
            if (rule.check() instanceof Check.KnownToRemote) {
                continue;
            }
            for (Cursor at : resolve(root, rule.path())) {
                apply(c, rule, at);
            }
        }
    }

    /** The nodes a rule's path names in this document: every item for {@code []}; none where a parent is missing. */
    static List<Cursor> resolve(Cursor root, String path) {
        List<Cursor> current = List.of(root);
        if (path.isEmpty()) {
            return current;
        }
        for (String segment : path.split("\\.")) {
            boolean items = segment.endsWith("[]");
            String key = items ? segment.substring(0, segment.length() - 2) : segment;
            List<Cursor> next = new ArrayList<>();
            for (Cursor parent : current) {
                if (!parent.node().isObject()) {
                    continue;
                }
                Cursor child = parent.child(key);
                if (!items) {
                    next.add(child);
                } else if (child.node().isArray()) {
                    for (int i = 0; i < child.node().size(); i++) {
                        next.add(child.item(i, Cursor.labelFieldOf(child.node().get(i))));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static void apply(Checker c, ContractRule rule, Cursor at) {
        Check check = rule.check();
        if (check instanceof Check.Required required) {
            if (at.node().isObject()) {
                List<String> missing = required.fields().stream().filter(f -> !at.node().has(f)).toList();
                if (!missing.isEmpty()) {
                    c.report(rule, at, true, "is missing " + list(missing) + "; the server refuses "
                                    + (at.path().isEmpty() ? "a configuration" : "it") + " without " + (missing.size() == 1 ? "it" : "them"),
                            "add " + (missing.size() == 1 ? "it" : "them") + " ('handoff fetch' writes every field)");
                }
            }
        } else if (check instanceof Check.OfType typed) {
            if (at.node().isNull() && !typed.nullable()) {
                c.report(rule, at, false, "has no value (null), which the server refuses; " + typed.type().description + " is required",
                        "write a value" + switch (typed.type()) {
                            case STRING -> ", or '' for an empty text";
                            case LIST -> ", or [] for none";
                            default -> "";
                        } + " ('key:' with nothing after it is null too)");
            } else if (!Checker.absent(at)) {
                c.expect(rule, at, typed.type());
            }
        } else if (check instanceof Check.MaxLength limit) {
            c.maxLength(rule, at, limit.max());
        } else if (check instanceof Check.Matches matches && !Checker.absent(at)) {
            Formats.Problem problem = Formats.check(matches.format(), at.node());
            if (problem != null) {
                c.report(rule, at, false, problem.message(), problem.hint());
            }
        }
    }

    /** "a", "a and b", "a, b and c". */
    static String list(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
