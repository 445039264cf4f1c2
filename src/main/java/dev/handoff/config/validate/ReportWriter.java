package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.text.Styled;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints validation results as compiler-style lines or as JSON. */
public final class ReportWriter {

    /** A file that could not be read or parsed at all (exit 2), with the reason and hint. */
    public record Unreadable(Path file, String message, String hint) {
    }

    private ReportWriter() {
    }

    /** {@code file:line:col: error: path: message}, the hint indented below, then one summary line. */
    public static Styled text(List<ValidationReport> reports, List<Unreadable> unreadable, boolean color) {
        return text(reports, unreadable, color, false);
    }

    /**
     * With {@code strict}, a file with warnings counts as invalid, as the exit code does. File names,
     * paths, messages and hints quote the file (a key, a value): they are added as text, so a
     * control character in them is shown escaped ({@link Styled}), never obeyed.
     */
    public static Styled text(List<ValidationReport> reports, List<Unreadable> unreadable, boolean color, boolean strict) {
        Styled.Builder out = Styled.builder(color);
        for (ValidationReport report : reports) {
            for (Finding f : report.findings()) {
                out.text(f.location() + ": ")
                        .paint(f.severity() == Finding.Severity.ERROR ? Styled.BOLD_RED : Styled.BOLD_YELLOW,
                                f.severity().name().toLowerCase(Locale.ROOT))
                        .text(": " + f.path() + ": " + f.message()).newline();
                if (f.hint() != null && !f.hint().isBlank()) {
                    out.text("    " + f.hint()).newline();
                }
            }
            // one line each, so that an accepted warning stays visible in every run's log
            for (ValidationReport.Accepted a : report.accepted()) {
                Finding f = a.finding();
                out.paint(Styled.GREY, f.location() + ": accepted: " + f.path() + ": " + f.message() + " (" + a.reason() + ")").newline();
            }
        }
        out.text(summary(reports, unreadable, strict)).newline();
        return out.build();
    }

    static String summary(List<ValidationReport> reports, List<Unreadable> unreadable) {
        return summary(reports, unreadable, false);
    }

    static String summary(List<ValidationReport> reports, List<Unreadable> unreadable, boolean strict) {
        long errors = reports.stream().mapToLong(r -> r.errors().size()).sum();
        long warnings = reports.stream().mapToLong(r -> r.warnings().size()).sum();
        long invalid = reports.stream().filter(r -> r.hasErrors() || (strict && !r.findings().isEmpty())).count();
        int checked = reports.size() + unreadable.size();
        StringBuilder s = new StringBuilder();
        if (invalid == 0 && unreadable.isEmpty()) {
            s.append(checked == 1 ? "1 file valid" : checked + " files valid");
        } else {
            s.append(invalid + unreadable.size()).append(" of ").append(checked).append(checked == 1 ? " file" : " files")
                    .append(" invalid");
        }
        s.append(": ").append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"));
        long accepted = reports.stream().mapToLong(r -> r.accepted().size()).sum();
        if (accepted > 0) {
            s.append(", ").append(accepted).append(" accepted");
        }
        if (!unreadable.isEmpty()) {
            s.append(", ").append(unreadable.size()).append(" not readable");
        }
        if (strict && warnings > 0) {
            s.append(" (--strict: warnings count as errors)");
        }
        return s.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** With {@code strict}, "valid" is false for a file with warnings too, as the exit code is 1 then. */
    public static String json(List<ValidationReport> reports, List<Unreadable> unreadable, boolean strict) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        long errors = reports.stream().mapToLong(r -> r.errors().size()).sum();
        long warnings = reports.stream().mapToLong(r -> r.warnings().size()).sum();
        java.util.function.Predicate<ValidationReport> valid = r -> !r.hasErrors() && !(strict && !r.findings().isEmpty());
        root.put("valid", unreadable.isEmpty() && reports.stream().allMatch(valid));
        root.put("strict", strict);
        root.put("errors", errors);
        root.put("warnings", warnings);
        root.put("accepted", reports.stream().mapToLong(r -> r.accepted().size()).sum());
        ArrayNode files = root.putArray("files");
        for (ValidationReport report : reports) {
            ObjectNode file = files.addObject();
            file.put("file", report.file().toString());
            file.put("valid", valid.test(report));
            ArrayNode findings = file.putArray("findings");
            List<ValidationReport.Accepted> all = new java.util.ArrayList<>();
            report.findings().forEach(f -> all.add(new ValidationReport.Accepted(f, null)));
            all.addAll(report.accepted());
            for (ValidationReport.Accepted a : all) {
                Finding f = a.finding();
                ObjectNode n = findings.addObject();
                n.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
                n.put("file", report.file().toString());
                n.put("line", f.location().line());
                n.put("column", f.location().column());
                n.put("path", f.path());
                n.put("message", f.message());
                n.put("hint", f.hint());
                // the contract rule broken (see docs/validation-rules.md); null for handoff's own checks
                n.put("rule", f.rule());
                n.put("accepted", a.reason() != null);
                if (a.reason() != null) {
                    n.put("reason", a.reason());
                }
            }
        }
        for (Unreadable u : unreadable) {
            ObjectNode file = files.addObject();
            file.put("file", u.file().toString());
            file.put("valid", false);
            file.put("unreadable", u.message());
            file.put("hint", u.hint());
        }
        // the node's own printer: no application mapper (and its modules) to load for one report
        return root.toPrettyString() + "\n";
    }
}
