package dev.handoff.eval;

import dev.handoff.text.Invisible;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The report a person reads on a terminal or in a CI log. */
public final class TextReport {

    /** Examples per list in the text report; the JSON report has up to {@link Summary#CAP}. */
    static final int SHOWN = 10;

    private final Summary s;
    private final Gate.Result gate;
    private final Styler st;
    private final PrintWriter out;

    private TextReport(Summary s, Gate.Result gate, boolean color, PrintWriter out) {
        this.s = s;
        this.gate = gate;
        this.st = new Styler(color);
        this.out = out;
    }

    public static void write(PrintWriter out, Summary s, Gate.Result gate, boolean color) {
        new TextReport(s, gate, color, out).write();
        out.flush();
    }

    private void write() {
        ReportContext c = s.context();
        out.println(st.bold("handoff replay") + ": " + x(c.configFile()) + " · classifier " + x(c.classifierId())
                + (c.run().shard() != null ? " · shard " + c.run().shard() : "")
                + (!c.run().mergedFrom().isEmpty() ? " · merged from " + c.run().mergedFrom().size() + " shards" : ""));
        out.println(Format.plural(s.transcripts(), "transcript") + ": " + s.scored() + " scored, " + s.unlabelled() + " unlabelled, "
                + s.invalidCount() + " invalid output" + (s.recordedReplay() ? ", " + s.unrecordedCount() + " no recorded verdict" : "")
                + (s.badCount() > 0 ? ", " + s.badCount() + " bad (skipped)" : "")
                + " · " + Format.plural(s.handoffs(), "handoff") + " fired");
        classifierRun(c.classifierDescribe());
        out.println();
        criteriaTable();
        classifierTraining();
        errorsList();
        transcripts();
        routing();
        hours();
        sweep();
        warnings();
        gate();
    }

    /** For a model-backed classifier, which model answered, how, and what the run cost: a reviewer's first questions. */
    private void classifierRun(java.util.Map<String, String> d) {
        if (d == null || !d.containsKey("usage")) {
            return;
        }
        out.println("model " + x(d.getOrDefault("model", "?")) + " · output " + x(d.getOrDefault("output", "?")));
        out.println("usage: " + x(d.get("usage")) + (d.containsKey("cost") ? " · cost " + x(d.get("cost")) : ""));
    }

    private void criteriaTable() {
        List<CriterionStats> rows = s.shownCriteria();
        if (rows.isEmpty()) {
            out.println("No criteria to score (the configuration has no active criteria).");
            out.println();
            return;
        }
        int w = Math.max("criterion".length(), rows.stream().mapToInt(r -> x(r.name()).length() + (r.info().active() ? 0 : 11)).max().orElse(0));
        // counts as wide as the largest one, so a million transcripts still line up
        int n = 2 + Math.max(4, Long.toString(Math.max(s.scored(), 1)).length());
        out.println(st.bold(Format.pad("criterion", w) + Format.padLeft("TP", n) + Format.padLeft("FP", n) + Format.padLeft("FN", n)
                + Format.padLeft("TN", n) + "  precision  recall  FP rate (95% CI)"));
        for (CriterionStats r : rows) {
            String name = x(r.name()) + (r.info().active() ? "" : " (inactive)");
            String fp = Format.padLeft(Long.toString(r.fp()), n);
            out.println(Format.pad(name, w) + Format.padLeft(Long.toString(r.tp()), n) + (r.fp() > 0 ? st.red(fp) : fp)
                    + Format.padLeft(Long.toString(r.fn()), n) + Format.padLeft(Long.toString(r.tn(s.scored())), n)
                    + Format.padLeft(Format.pct(r.precision()), 11) + Format.padLeft(Format.pct(r.recall()), 8)
                    + Format.padLeft(Format.pct(r.fpRate(s.scored())), 9) + " " + paren(Format.interval(r.fpRateInterval(s.scored()))));
        }
        out.println();
    }

    /**
     * A classifier fitted on the user's own labelled turns says how far it agrees with them on held-out folds
     * (describe keys {@code training} and {@code training.<criterion>}): how far to trust the table above.
     */
    private void classifierTraining() {
        Map<String, String> d = s.context().classifierDescribe();
        if (!d.containsKey("training")) {
            return;
        }
        out.println(st.bold("Classifier training") + ": " + x(d.get("training")));
        String prefix = "training.";
        int w = d.keySet().stream().filter(k -> k.startsWith(prefix)).mapToInt(k -> x(k.substring(prefix.length())).length()).max().orElse(0);
        d.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.println("  " + Format.pad(x(k.substring(prefix.length())), w) + "  " + x(v));
            }
        });
        out.println();
    }

    /**
     * Text from the configuration, the transcripts or (for {@code report merge}) a JSON report that
     * anyone may have edited: printed with its control characters as visible escapes, like every
     * other report for people. This report goes out byte for byte (its colours are handoff's own),
     * so the escaping is done here, value by value.
     */
    private static String x(Object text) {
        return Invisible.escaped(text == null ? null : text.toString());
    }

    private static String paren(String s) {
        return s.isEmpty() ? "" : "(" + s + ")";
    }

    private void errorsList() {
        List<CriterionStats> withErrors = s.shownCriteria().stream().filter(r -> r.fp() + r.fn() > 0).toList();
        if (withErrors.isEmpty()) {
            return;
        }
        out.println(st.bold("False positives and negatives") + st.dim(" (first " + SHOWN + " per criterion; all ids in -o json)"));
        for (CriterionStats r : withErrors) {
            out.println("  " + x(r.name()));
            examples("FP", r.falsePositives(), r.fp());
            examples("FN", r.falseNegatives(), r.fn());
        }
        out.println();
    }

    private void examples(String tag, List<Example> examples, long total) {
        int n = 0;
        for (Example e : examples) {
            if (n++ == SHOWN) {
                break;
            }
            out.println("    " + tag + "  " + describe(e));
        }
        if (total > Math.min(SHOWN, examples.size())) {
            out.println("    " + st.dim("… and " + (total - Math.min(SHOWN, examples.size())) + " more " + tag));
        }
    }

    private String describe(Example e) {
        StringBuilder b = new StringBuilder(x(e.id()));
        if (e.turn() != null) {
            b.append("  turn ").append(e.turn());
            if (e.fired() != null && !e.fired().isEmpty()) {
                b.append(" [").append(x(String.join(", ", e.fired()))).append("]");
            }
            if (e.text() != null && !e.text().isEmpty()) {
                b.append("  ").append(Format.quote(e.text(), 70));
            }
        } else if (e.note() == null) {
            b.append("  (nothing fired)");
        }
        if (e.note() != null) {
            b.append("  ").append(Invisible.escaped(e.note()));
        }
        return b.toString();
    }

    private void transcripts() {
        out.println(st.bold("Transcripts"));
        out.println("  handoff expected: " + s.timing(Timing.ON_TIME) + " on time, " + s.timing(Timing.LATE) + " late, "
                + s.timing(Timing.PREMATURE) + " premature, " + s.timing(Timing.MISSED) + " missed");
        out.println("  no handoff expected: " + s.timing(Timing.QUIET) + " quiet, " + s.timing(Timing.UNWANTED) + " handed off");
        for (Timing t : List.of(Timing.PREMATURE, Timing.LATE)) {
            List<Example> ex = s.timingExamples(t);
            ex.stream().limit(SHOWN).forEach(e -> out.println("    " + t.id() + "  " + describe(e)));
            if (s.timing(t) > SHOWN) {
                out.println("    " + st.dim("… and " + (s.timing(t) - SHOWN) + " more " + t.id()));
            }
        }
        if (s.unlabelled() > 0) {
            Map<String, Long> by = s.unlabelledByCriterion();
            out.println("  unlabelled (not scored): " + Format.plural(s.unlabelled(), "transcript") + ", "
                    + Format.plural(s.unlabelledHandoffs(), "handoff") + " fired"
                    + (by.isEmpty() ? "" : " (" + by.entrySet().stream().map(e -> x(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        }
        String invalid = "  invalid classifier output: " + s.invalidCount() + (s.invalidCount() > 0 ? " (not scored)" : "");
        out.println(s.invalidCount() > 0 ? st.yellow(invalid) : invalid);
        s.invalidExamples().stream().limit(SHOWN).forEach(e -> out.println("    " + x(e.id()) + "  turn " + e.turn() + ": " + x(e.note())));
        if (s.recordedReplay()) {
            String unrecorded = "  no recorded verdict: " + s.unrecordedCount() + (s.unrecordedCount() > 0 ? " (not scored)" : "");
            out.println(s.unrecordedCount() > 0 ? st.yellow(unrecorded) : unrecorded);
            s.unrecordedExamples().stream().limit(SHOWN).forEach(e -> out.println("    " + x(e.id()) + "  turn " + e.turn()));
        }
        if (s.badCount() > 0) {
            out.println(st.yellow("  bad transcripts (not replayed): " + s.badCount()));
            s.badExamples().stream().limit(SHOWN).forEach(e -> out.println("    " + Invisible.escaped(e.note())));
        }
        if (s.context().run().repeat() > 1) {
            out.println("  unstable across " + s.context().run().repeat() + " runs: " + s.unstableCount() + " (the first run is the one scored)");
            s.unstableExamples().stream().limit(SHOWN).forEach(e -> out.println("    " + x(e.id())));
        }
        out.println();
    }

    private void routing() {
        if (!s.context().routingActive()) {
            return;
        }
        out.println(st.bold("Routing") + st.dim(" (rows: expected, columns: picked; handoffs of scored transcripts)"));
        if (s.routed() == 0) {
            out.println("  no handoffs to route");
            out.println();
            return;
        }
        List<String> labels = s.routingLabels().stream().map(TextReport::x).toList();
        int w = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(0));
        List<Integer> widths = new ArrayList<>();
        StringBuilder head = new StringBuilder("  " + Format.pad("", w));
        for (String l : labels) {
            int cw = Math.max(6, l.length()) + 2;
            widths.add(cw);
            head.append(Format.padLeft(l, cw));
        }
        out.println(head);
        for (String row : labels) {
            Map<String, Long> r = s.routing().get(row);
            if (r == null) {
                continue;
            }
            StringBuilder line = new StringBuilder("  " + Format.pad(row, w));
            for (int i = 0; i < labels.size(); i++) {
                line.append(Format.padLeft(Long.toString(r.getOrDefault(labels.get(i), 0L)), widths.get(i)));
            }
            out.println(line);
        }
        out.println("  correct: " + s.routedCorrectly() + " of " + s.routedWithExpectation() + " handoffs with an expected route");
        out.println();
    }

    private void hours() {
        if (!s.context().workingHoursActive()) {
            out.println(st.bold("Working hours") + ": not active; every handoff meets an operator");
            out.println();
            return;
        }
        out.println(st.bold("Working hours") + " (" + x(s.context().workingHoursZone()) + "): " + Format.plural(s.hours(Hours.INSIDE), "handoff") + " inside, "
                + s.hours(Hours.OUTSIDE) + " outside (they get the outside-working-hours message), " + s.hours(Hours.UNKNOWN) + " at an unknown time");
        outsideBreakdown();
        s.outsideHoursExamples().stream().limit(SHOWN).forEach(e -> out.println("    outside  " + describe(e)));
        out.println();
    }

    /** When the outside-working-hours message is read: only the weekdays and hours that have any, in order. */
    private void outsideBreakdown() {
        String days = OutsideHours.byWeekday(s.outsideByWeekday());
        if (days.isEmpty()) {
            return;
        }
        out.println("  outside by weekday: " + days);
        out.println("  outside by local hour: " + OutsideHours.byHour(s.outsideByHour()));
    }

    private void sweep() {
        Sweep sw = s.sweep();
        if (sw == null) {
            return;
        }
        out.println(st.bold("Threshold sweep") + st.dim(" (each criterion on its own; fires at the first turn with score >= threshold)"));
        if (!sw.anyScores()) {
            out.println(st.yellow("  the '" + x(s.context().classifierId()) + "' classifier gives no scores, so there is nothing to sweep;"
                    + " use a classifier that scores (embedding)"));
            out.println();
            return;
        }
        for (String c : sw.criteria()) {
            if (!sw.hasScores(c)) {
                out.println("  " + x(c) + ": no scores");
                continue;
            }
            Double configured = sw.configuredThreshold(c);
            out.println("  " + st.bold(x(c)) + (configured == null ? "" : " (threshold now " + configured + ")"));
            out.println("    threshold  precision  recall  FP rate     TP    FP    FN");
            // every 0.05; a run of rows whose counts equal the row above is one dim line saying so
            // (the long "never fires" tail), so no threshold disappears without a word (-o json has every step)
            Sweep.Row shown = null;
            Sweep.Row lastSame = null;
            for (int i = 0; i <= Sweep.STEPS; i += Sweep.STEPS / 20) {
                Sweep.Row r = sw.row(c, i);
                if (shown == null || !sameCounts(shown, r)) {
                    sameUpTo(lastSame);
                    lastSame = null;
                    row(r, "");
                    shown = r;
                } else {
                    lastSame = r;
                }
            }
            sameUpTo(lastSame);
            Sweep.Row best = sw.suggest(c);
            if (best == null) {
                out.println("    no threshold keeps the false-positive rate at or below " + Format.pct(sw.targetFpRate()));
            } else {
                row(best, "  <- suggested for FP rate <= " + Format.pct(sw.targetFpRate()));
                Wilson ci = best.fpRateInterval();
                if (ci != null && ci.high() > sw.targetFpRate()) {
                    out.println(st.yellow("    with " + (best.fp() + best.tn()) + " negatives the FP rate could be up to "
                            + Format.pct(ci.high()) + " (95%); more negative transcripts would pin it down"));
                }
            }
        }
        out.println();
    }

    private void sameUpTo(Sweep.Row last) {
        if (last != null) {
            out.println("    " + st.dim(String.format(java.util.Locale.ROOT, "(the same up to %.3f)", last.threshold())));
        }
    }

    private static boolean sameCounts(Sweep.Row a, Sweep.Row b) {
        return a.tp() == b.tp() && a.fp() == b.fp() && a.fn() == b.fn() && a.tn() == b.tn();
    }

    private void row(Sweep.Row r, String suffix) {
        out.println("    " + Format.padLeft(String.format(java.util.Locale.ROOT, "%.3f", r.threshold()), 9)
                + Format.padLeft(Format.pct(r.precision()), 11) + Format.padLeft(Format.pct(r.recall()), 8)
                + Format.padLeft(Format.pct(r.fpRate()), 9) + Format.padLeft(Long.toString(r.tp()), 7)
                + Format.padLeft(Long.toString(r.fp()), 6) + Format.padLeft(Long.toString(r.fn()), 6) + suffix);
    }

    private void warnings() {
        List<String> w = ReportWarnings.of(s);
        if (w.isEmpty()) {
            return;
        }
        out.println(st.bold("Warnings"));
        w.forEach(line -> out.println(st.yellow("  " + x(line))));
        out.println();
    }

    private void gate() {
        if (gate == null) {
            return;
        }
        BaselineComparison b = gate.baseline();
        if (b != null) {
            out.println(st.bold("Baseline") + " " + x(b.file()) + ": " + Format.plural(b.newErrorCount(), "new error") + ", " + b.fixedCount() + " fixed"
                    + (b.notComparedCount() > 0 ? ", " + b.notComparedCount() + " not compared" : "")
                    + (b.added() > 0 ? ", " + Format.plural(b.added(), "new transcript") + " (" + b.addedErrors() + " errors)" : "")
                    + (b.missing() > 0 ? ", " + b.missing() + " transcripts no longer replayed" : "")
                    + (b.otherShard() > 0 ? ", " + b.otherShard() + " transcripts of other shards left out" : ""));
            b.newErrors().stream().limit(SHOWN * 2).forEach(f -> out.println(st.red("  new " + f.label()) + "  " + flip(f)));
            if (b.newErrorCount() > SHOWN * 2) {
                out.println("  " + st.dim("… and " + (b.newErrorCount() - SHOWN * 2) + " more"));
            }
            b.fixed().stream().limit(SHOWN * 2).forEach(f -> out.println(st.green("  fixed " + f.label()) + "  " + flip(f)));
            if (b.fixedCount() > SHOWN * 2) {
                out.println("  " + st.dim("… and " + (b.fixedCount() - SHOWN * 2) + " more"));
            }
            b.notCompared().stream().limit(SHOWN * 2).forEach(n -> out.println(st.yellow("  not compared " + n.label()) + "  "
                    + x(Flip.criterionShown(n.criterion())) + "  " + x(n.id()) + "  (" + x(n.why()) + ")"));
            if (b.notComparedCount() > SHOWN * 2) {
                out.println("  " + st.dim("… and " + (b.notComparedCount() - SHOWN * 2) + " more"));
            }
            b.warnings().forEach(line -> out.println(st.yellow("  " + x(line))));
        }
        if (gate.passed()) {
            out.println(st.green("Gate: passed"));
        } else {
            out.println(st.red("Gate: FAILED"));
            gate.failures().forEach(f -> out.println("  - " + x(f.message())));
        }
        gate.notes().forEach(n -> out.println(st.dim("  note: " + x(n))));
    }

    private static String flip(Flip f) {
        return x(Flip.criterionShown(f.criterion())) + "  " + x(f.id()) + (f.turn() != null ? "  turn " + f.turn() + "  " + Format.quote(f.text(), 60) : "");
    }
}
