package dev.handoff.eval;

import java.util.List;

/** A pull-request comment or CI step summary (GitHub-flavoured Markdown). */
public final class MarkdownReport {

    private static final int SHOWN = 20;

    private MarkdownReport() {
    }

    public static String render(Summary s, Gate.Result gate) {
        StringBuilder b = new StringBuilder();
        ReportContext c = s.context();
        String verdict = gate == null ? "" : gate.passed() ? " — ✅ gate passed" : " — ❌ gate failed";
        b.append("## handoff replay").append(verdict).append("\n\n");
        b.append(code(c.configFile())).append(" · classifier ").append(code(c.classifierId()));
        if (c.run().shard() != null) {
            b.append(" · shard ").append(c.run().shard());
        }
        b.append(" · ").append(s.transcripts()).append(" transcripts (").append(s.scored()).append(" scored, ")
                .append(s.unlabelled()).append(" unlabelled, ").append(s.invalidCount()).append(" invalid output");
        if (s.recordedReplay()) {
            b.append(", ").append(s.unrecordedCount()).append(" no recorded verdict");
        }
        if (s.badCount() > 0) {
            b.append(", ").append(s.badCount()).append(" bad");
        }
        b.append(")\n\n");
        var d = c.classifierDescribe();
        if (d != null && d.containsKey("usage")) {
            b.append("Model ").append(code(d.getOrDefault("model", "?"))).append(": ").append(cell(d.get("usage")))
                    .append(d.containsKey("cost") ? "; cost " + cell(d.get("cost")) : "").append("\n\n");
        }
        if (gate != null && !gate.passed()) {
            gateFailures(b, gate.failures().stream().map(Gate.Failure::message).toList());
        }
        warnings(b, ReportWarnings.of(s));
        b.append("| criterion | TP | FP | FN | TN | precision | recall | FP rate (95% CI) |\n");
        b.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (CriterionStats r : s.shownCriteria()) {
            b.append("| ").append(cell(r.name())).append(r.info().active() ? "" : " (inactive)")
                    .append(" | ").append(r.tp()).append(" | ").append(r.fp()).append(" | ").append(r.fn())
                    .append(" | ").append(r.tn(s.scored())).append(" | ").append(Format.pct(r.precision()))
                    .append(" | ").append(Format.pct(r.recall())).append(" | ").append(Format.pct(r.fpRate(s.scored())));
            String ci = Format.interval(r.fpRateInterval(s.scored()));
            b.append(ci.isEmpty() ? "" : " (" + ci + ")").append(" |\n");
        }
        b.append('\n');
        b.append("Handoffs expected: ").append(s.timing(Timing.ON_TIME)).append(" on time, ").append(s.timing(Timing.LATE)).append(" late, ")
                .append(s.timing(Timing.PREMATURE)).append(" premature, ").append(s.timing(Timing.MISSED)).append(" missed. ")
                .append("Not expected: ").append(s.timing(Timing.UNWANTED)).append(" handed off.");
        if (c.workingHoursActive()) {
            String days = OutsideHours.byWeekday(s.outsideByWeekday());
            b.append(" Outside working hours: ").append(s.hours(Hours.OUTSIDE)).append(" of ").append(s.handoffs()).append(" handoffs")
                    .append(days.isEmpty() ? "" : " (" + days + "; local hours " + OutsideHours.byHour(s.outsideByHour()) + ")").append('.');
        }
        if (c.routingActive() && s.routedWithExpectation() > 0) {
            b.append(" Routing: ").append(s.routedCorrectly()).append(" of ").append(s.routedWithExpectation()).append(" correct.");
        }
        b.append("\n\n");
        if (gate != null && gate.baseline() != null) {
            BaselineComparison bl = gate.baseline();
            b.append("**Against the baseline**: ").append(bl.newErrorCount()).append(" new errors, ").append(bl.fixedCount()).append(" fixed")
                    .append(bl.notComparedCount() > 0 ? ", " + bl.notComparedCount() + " not compared" : "").append("\n\n");
            // "made with another classifier": without it a comment's "0 new errors" reads as a like-for-like check
            bl.warnings().forEach(w -> b.append("- ⚠️ ").append(item(w)).append('\n'));
            if (!bl.warnings().isEmpty()) {
                b.append('\n');
            }
            if (bl.newErrorCount() + bl.fixedCount() + bl.notComparedCount() > 0) {
                b.append("| | criterion | transcript | turn | message |\n|---|---|---|--:|---|\n");
                flips(b, bl.newErrors(), bl.newErrorCount(), "new");
                flips(b, bl.fixed(), bl.fixedCount(), "fixed");
                bl.notCompared().stream().limit(SHOWN).forEach(n -> b.append("| not compared ").append(n.label()).append(" | ")
                        .append(cell(Flip.criterionShown(n.criterion()))).append(" | ").append(cell(n.id())).append(" | | ")
                        .append(cell(n.why())).append(" |\n"));
                more(b, "not compared", "", bl.notComparedCount(), Math.min(SHOWN, bl.notCompared().size()));
                b.append('\n');
            }
        }
        List<CriterionStats> withErrors = s.shownCriteria().stream().filter(r -> r.fp() + r.fn() > 0).toList();
        if (!withErrors.isEmpty()) {
            b.append("<details><summary>False positives and negatives</summary>\n\n");
            b.append("| | criterion | transcript | turn | message |\n|---|---|---|--:|---|\n");
            for (CriterionStats r : withErrors) {
                examples(b, "FP", r.name(), r.falsePositives(), r.fp());
                examples(b, "FN", r.name(), r.falseNegatives(), r.fn());
            }
            b.append("\n</details>\n");
        }
        return b.toString();
    }

    /**
     * The report's warnings, first {@link #SHOWN}: one says the figures may not be the file's (a time
     * zone read as UTC), and a comment that showed "gate passed" without it would read as all clear.
     */
    static void warnings(StringBuilder b, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        b.append("**Warnings**\n\n");
        warnings.stream().limit(SHOWN).forEach(w -> b.append("- ").append(item(w)).append('\n'));
        if (warnings.size() > SHOWN) {
            b.append("- … and ").append(warnings.size() - SHOWN).append(" more (all in the text and JSON reports)\n");
        }
        b.append('\n');
    }

    /** One list item a failure: a message starts with the criterion's name, which may read as markdown ("# Refunds"). */
    static void gateFailures(StringBuilder b, List<String> messages) {
        b.append("**Gate failures**\n\n");
        messages.forEach(m -> b.append("- ").append(item(m)).append('\n'));
        b.append('\n');
    }

    /** {@link #cell} for a list item: a leading '#', '>' or "1." would make it a heading, a quote or a nested list. */
    static String item(String s) {
        String c = cell(s).replaceFirst("^(\\d+)([.)])", "$1\\\\$2");
        return c.matches("(?s)[#>+=-].*") ? "\\" + c : c;
    }

    /** A table cut at {@link #SHOWN} rows says so: in a pull-request comment it would read as the whole list. */
    private static void more(StringBuilder b, String tag, String criterion, long total, int shown) {
        if (total > shown) {
            b.append("| ").append(tag).append(" | ").append(cell(criterion)).append(" | … and ").append(total - shown)
                    .append(" more (all in the JSON report, `-o json`) | | |\n");
        }
    }

    private static void flips(StringBuilder b, List<Flip> flips, long total, String kind) {
        flips.stream().limit(SHOWN).forEach(f -> b.append("| ").append(kind).append(' ').append(f.label()).append(" | ")
                .append(cell(Flip.criterionShown(f.criterion()))).append(" | ").append(cell(f.id())).append(" | ").append(f.turn() == null ? "" : f.turn())
                .append(" | ").append(cell(Format.quote(f.text(), 80))).append(" |\n"));
        more(b, kind, "", total, Math.min(SHOWN, flips.size()));
    }

    private static void examples(StringBuilder b, String tag, String criterion, List<Example> examples, long total) {
        examples.stream().limit(SHOWN).forEach(e -> b.append("| ").append(tag).append(" | ").append(cell(criterion)).append(" | ")
                .append(cell(e.id())).append(" | ").append(e.turn() == null ? "" : e.turn()).append(" | ")
                .append(cell(Format.quote(e.text(), 80))).append(" |\n"));
        more(b, tag, criterion, total, Math.min(SHOWN, examples.size()));
    }

    /**
     * Text safe inside a table cell, shown as written: no pipes, line breaks or HTML; no code
     * spans, emphasis or inline links ("[x](y)"); and no "@name" that would notify someone when the report is
     * posted as a pull-request comment (a zero-width space follows the '@').
     */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("([`*~])", "\\\\$1").replace("](", "]\\(").replaceAll("@(?=[\\p{L}\\p{N}_-])", "@\u200B")
                .replaceAll("[\\r\\n]+", " ");
    }

    /**
     * Text inside a code span (also in a table cell), shown as written: the fence is one backtick
     * longer than the longest run inside, and a pipe is escaped so that it does not end the cell.
     */
    static String code(String s) {
        String text = s == null ? "" : s.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
        int longest = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+").matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        String fence = "`".repeat(longest + 1);
        // a span that starts or ends with a backtick needs a space inside the fence (stripped when shown)
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return fence + pad + text + pad + fence;
    }
}
