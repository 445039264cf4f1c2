package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings the project has reviewed and keeps on purpose, listed under {@code accepted_warnings:}
 * in {@code handoff.yaml}. They live there, not in the configuration files, because fetch rewrites
 * those in canonical form and would drop any marker. An entry that no longer matches is reported
 * (stale), so an acceptance cannot outlive the warning it was written for.
 */
public final class Acceptances {

    public static final String KEY = "accepted_warnings";

    /** One entry: {@code file} resolved against handoff.yaml's folder; {@code contains} may be null. */
    public record Entry(int index, Path file, String field, String contains, String reason, SourceLocation location) {

        boolean matches(Path validated, Finding f) {
            return file.equals(validated) && field.equals(f.path()) && (contains == null || f.message().contains(contains));
        }
    }

    private final Path shownAs;
    private final List<Entry> entries;

    private Acceptances(Path shownAs, List<Entry> entries) {
        this.shownAs = shownAs;
        this.entries = entries;
    }

    private static final List<String> FIELDS = List.of("file", "field", "contains", "reason");

    public static Acceptances none() {
        return new Acceptances(null, List.of());
    }

    /** Reads the entries of {@code project}; a malformed entry is a USAGE error naming its line and column. */
    public static Acceptances load(Path project, Path shownAs) {
        LocatedTree tree = LocatedTree.parse(shownAs, YamlFiles.readUtf8(project, shownAs, YamlFiles.MAX_BYTES));
        TargetFields.check(project, shownAs, tree.root());
        dev.handoff.config.ProjectFile.refuseClearSecrets(shownAs, tree.root());
        JsonNode list = tree.root().path(KEY);
        if (list.isMissingNode() || list.isNull()) {
            return new Acceptances(shownAs, List.of());
        }
        String listPointer = LocatedTree.pointer("", KEY);
        if (!list.isArray()) {
            throw HandoffException.usage(tree.valueAt(listPointer) + ": " + KEY + " must be a list",
                    "write one '- file: ...' entry per accepted warning (see docs/validate.md)");
        }
        Path base = project.toAbsolutePath().getParent();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String pointer = LocatedTree.pointer(listPointer, i);
            SourceLocation at = tree.valueAt(pointer);
            JsonNode e = list.get(i);
            String where = KEY + "[" + i + "]";
            if (!e.isObject()) {
                throw HandoffException.usage(at + ": " + where + " must be a mapping with file, field and reason", null);
            }
            // a typo ("contain:") would otherwise widen the entry to every warning at its field
            for (java.util.Iterator<String> names = e.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    String suggestion = Suggest.didYouMean(name, FIELDS);
                    throw HandoffException.usage(tree.valueAt(LocatedTree.pointer(pointer, name)) + ": " + where + "." + name
                            + " is not a field of an accepted warning" + (suggestion == null ? "" : "; " + suggestion),
                            "an entry has file, field, reason and optionally contains");
                }
            }
            String file = text(tree, e, pointer, where, "file", "name the configuration file, relative to handoff.yaml");
            String field = text(tree, e, pointer, where, "field", "copy the field path validate prints, e.g. settings.keywords[4]");
            String reason = text(tree, e, pointer, where, "reason", "say why the warning is kept; reviewers read it in git");
            String contains = e.hasNonNull("contains") ? e.get("contains").asText() : null;
            entries.add(new Entry(i, base.resolve(file).normalize(), field, contains, reason, at));
        }
        return new Acceptances(shownAs, List.copyOf(entries));
    }

    private static String text(LocatedTree tree, JsonNode entry, String pointer, String where, String key, String hint) {
        JsonNode v = entry.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            SourceLocation at = v == null ? tree.valueAt(pointer) : tree.valueAt(LocatedTree.pointer(pointer, key));
            throw HandoffException.usage(at + ": " + where + "." + key + " is missing", hint);
        }
        return v.asText();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Moves accepted warnings out of each report's findings. Entries for validated files that
     * matched no warning, or only an error, come back as warnings on handoff.yaml.
     *
     * @param absolute the absolute, normalized path of each report's file, in report order
     */
    public Result apply(List<ValidationReport> reports, List<Path> absolute) {
        Set<Integer> used = new HashSet<>();
        Set<Integer> matchedError = new HashSet<>();
        List<ValidationReport> out = new ArrayList<>();
        for (int r = 0; r < reports.size(); r++) {
            ValidationReport report = reports.get(r);
            Path file = absolute.get(r);
            List<Finding> kept = new ArrayList<>();
            List<ValidationReport.Accepted> accepted = new ArrayList<>(report.accepted());
            for (Finding f : report.findings()) {
                Entry match = entries.stream().filter(e -> e.matches(file, f)).findFirst().orElse(null);
                if (match != null && f.severity() == Finding.Severity.WARNING) {
                    used.add(match.index());
                    accepted.add(new ValidationReport.Accepted(f, match.reason()));
                } else {
                    if (match != null) {
                        matchedError.add(match.index());
                    }
                    kept.add(f);
                }
            }
            out.add(new ValidationReport(report.file(), kept, accepted));
        }
        Set<Path> validated = new HashSet<>(absolute);
        List<Finding> own = new ArrayList<>();
        for (Entry e : entries) {
            if (used.contains(e.index()) || !validated.contains(e.file())) {
                continue;
            }
            String path = KEY + "[" + e.index() + "]";
            String what = e.field() + (e.contains() == null ? "" : " containing '" + e.contains() + "'");
            if (matchedError.contains(e.index())) {
                own.add(new Finding(Finding.Severity.WARNING, e.location(), path,
                        "matches an error at " + what + "; errors cannot be accepted", "fix the error, then remove the entry"));
            } else {
                own.add(new Finding(Finding.Severity.WARNING, e.location(), path,
                        "stale acceptance: no warning at " + what + " any more", "remove it from handoff.yaml"));
            }
        }
        if (!own.isEmpty()) {
            out.add(new ValidationReport(shownAs, own));
        }
        return new Result(out);
    }

    public record Result(List<ValidationReport> reports) {
    }
}
