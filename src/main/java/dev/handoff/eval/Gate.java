package dev.handoff.eval;

import dev.handoff.config.EvaluationSettings.GateLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CI gate: per-criterion limits on the point estimates (max false-positive rate, min recall,
 * min precision), an optional cap on invalid classifier outputs, and, against a baseline, at most
 * {@code tolerance} more FP or FN per criterion. A rate that cannot be computed (a criterion that
 * never fired has no precision) is not a failure; it is noted.
 *
 * @param flags      limits from the command line; where set they apply to every criterion and
 *                   win over the evaluation settings
 * @param maxInvalid null for no limit
 * @param recorded   per criterion, the limits a shard report says its run applied (flags included);
 *                   they stand in for the evaluation settings' limits when {@code report merge}
 *                   gates the joined shards, so a limit given to every shard is not lost
 */
public record Gate(GateLimits flags, Integer maxInvalid, long tolerance, Map<String, GateLimits> recorded) {

    public Gate(GateLimits flags, Integer maxInvalid, long tolerance) {
        this(flags, maxInvalid, tolerance, Map.of());
    }

    public record Failure(String criterion, String check, double limit, double actual, String message) {
    }

    /** @param maxInvalid the cap that applied, recorded in the JSON report so that a merge can apply it again */
    public record Result(boolean passed, List<Failure> failures, List<String> notes, BaselineComparison baseline, Integer maxInvalid) {
    }

    public GateLimits limits(ReportContext.CriterionInfo c) {
        GateLimits recordedLimits = recorded.get(c.name());
        if (recordedLimits != null) {
            return flags.orElse(recordedLimits);
        }
        return flags.orElse(c.limits() == null ? GateLimits.NONE : c.limits());
    }

    /** This gate with the limits the shard reports recorded; the command line's flags still win. */
    public Gate withRecorded(Map<String, GateLimits> limits, Integer recordedMaxInvalid) {
        return new Gate(flags, maxInvalid != null ? maxInvalid : recordedMaxInvalid, tolerance, Map.copyOf(limits));
    }

    public Result evaluate(Summary s, BaselineComparison baseline) {
        List<Failure> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CriterionStats c : s.shownCriteria()) {
            GateLimits l = limits(c.info());
            Double fpRate = c.fpRate(s.scored());
            if (l.maxFpRate() != null) {
                if (fpRate == null) {
                    notes.add(c.name() + ": no negative transcript scored, false-positive rate not checked");
                } else if (fpRate > l.maxFpRate()) {
                    Shown shown = Shown.of(fpRate, c.fp(), c.fp() + c.tn(s.scored()), l.maxFpRate());
                    failures.add(new Failure(c.name(), "max_fp_rate", l.maxFpRate(), fpRate, String.format(
                            "%s: false-positive rate %s is above the limit %s (%d FP)", c.name(), shown.actual(), shown.limit(), c.fp())));
                }
            }
            if (l.minRecall() != null) {
                if (c.recall() == null) {
                    notes.add(c.name() + ": no transcript expects it, recall not checked");
                } else if (c.recall() < l.minRecall()) {
                    Shown shown = Shown.of(c.recall(), c.tp(), c.tp() + c.fn(), l.minRecall());
                    failures.add(new Failure(c.name(), "min_recall", l.minRecall(), c.recall(), String.format(
                            "%s: recall %s is below the limit %s (%d FN)%s", c.name(), shown.actual(), shown.limit(), c.fn(),
                            // its FNs can never become TPs: say what to change, or the limit reads as the classifier's fault
                            c.info().active() || "unknown".equals(c.info().kind()) ? "" : "; it is inactive in the configuration, so it never fires:"
                                    + " activate it, or fix the labels that expect it")));
                }
            }
            if (l.minPrecision() != null) {
                if (c.precision() == null) {
                    notes.add(c.name() + ": never fired, precision not checked");
                } else if (c.precision() < l.minPrecision()) {
                    Shown shown = Shown.of(c.precision(), c.tp(), c.tp() + c.fp(), l.minPrecision());
                    failures.add(new Failure(c.name(), "min_precision", l.minPrecision(), c.precision(), String.format(
                            "%s: precision %s is below the limit %s", c.name(), shown.actual(), shown.limit())));
                }
            }
        }
        boolean limited = s.shownCriteria().stream().map(c -> limits(c.info()))
                .anyMatch(l -> l.maxFpRate() != null || l.minRecall() != null || l.minPrecision() != null);
        // a shard may hold only unlabelled transcripts: report merge judges the whole run
        boolean shard = s.context() != null && s.context().run() != null && s.context().run().shard() != null;
        boolean nothingScored = !shard && s.transcripts() > 0 && s.scored() == 0 && s.unrecordedTurns() == 0;
        // a baseline is a limit too: with nothing scored no count can grow, so it would pass on no evidence
        if (nothingScored && (limited || baseline != null)) {
            String what = limited ? "no limit could be checked" : "nothing could be compared with the baseline";
            failures.add(new Failure(null, "nothing_scored", 1, 0, s.unlabelled() == s.transcripts()
                    ? String.format("no transcript was scored: %d replayed, none with a label (expect:), so %s", s.transcripts(), what)
                    : String.format("no transcript was scored: %d replayed (%d unlabelled, %d with invalid classifier output), so %s",
                    s.transcripts(), s.unlabelled(), s.invalidCount(), what)));
        } else if (nothingScored && s.invalidCount() > 0) {
            // no limit set, but the classifier answered nothing usable (a proxy's HTML page, 429s): like a run whose
            // transcripts were all bad, it measured nothing and must not gate CI green. Only unlabelled is a look at what fires.
            failures.add(new Failure(null, "nothing_scored", 1, 0, s.invalidCount() == s.transcripts()
                    ? String.format("nothing was measured: all %d transcripts got invalid classifier output (listed under invalid classifier output)",
                    s.transcripts())
                    : String.format("nothing was measured: none of %d transcripts was scored (%d unlabelled, %d with invalid classifier output)",
                    s.transcripts(), s.unlabelled(), s.invalidCount())));
        }
        if (s.transcripts() == 0 && s.badCount() > 0) {
            // --keep-going with nothing readable: every limit would pass on no evidence at all
            failures.add(new Failure(null, "no_transcripts", 0, s.badCount(), String.format(
                    "no transcript was replayed: all %d were bad (listed under bad transcripts)", s.badCount())));
        }
        if (maxInvalid != null && s.invalidCount() > maxInvalid) {
            failures.add(new Failure(null, "max_invalid", maxInvalid, s.invalidCount(), String.format(
                    "%d transcripts got invalid classifier output; at most %d allowed", s.invalidCount(), maxInvalid)));
        } else if (maxInvalid == null && limited && s.invalidCount() * 10 > s.transcripts()) {
            // the rates are over the scored transcripts only: a model whose output broke on most of them passed on the rest
            failures.add(new Failure(null, "max_invalid", s.transcripts() / 10, s.invalidCount(), String.format(
                    "%d of %d transcripts got invalid classifier output, more than a tenth: the limits above measured too little"
                            + " (--max-invalid N sets the allowance)", s.invalidCount(), s.transcripts())));
        } else if (maxInvalid == null && s.invalidCount() > 0 && limited) {
            // the rates above are over the scored transcripts only: say how many were left out
            notes.add(String.format("%d of %d transcripts got invalid classifier output and are not in the rates above;"
                    + " --max-invalid N fails the gate when more than N do", s.invalidCount(), s.transcripts()));
        }
        if (s.unrecordedTurns() > 0) {
            failures.add(new Failure(null, "no_recorded_verdict", 0, s.unrecordedTurns(), unrecordedMessage(s)));
        }
        if (baseline != null) {
            baselineFailures(baseline, failures);
        }
        return new Result(failures.isEmpty(), List.copyOf(failures), List.copyOf(notes), baseline, maxInvalid);
    }

    private void baselineFailures(BaselineComparison baseline, List<Failure> failures) {
        for (BaselineComparison.Delta d : baseline.criteria()) {
            if (d.fpGrowth() > tolerance) {
                failures.add(new Failure(d.criterion(), "baseline_fp", tolerance, d.fpGrowth(), String.format(
                        "%s: %d false positives, %d more than the baseline's %s (tolerance %d)", d.criterion(), d.currentFp(),
                        d.fpGrowth(), baselineCount(d.comparedBaselineFp(), d.baselineFp()), tolerance)));
            }
            if (d.fnGrowth() > tolerance) {
                failures.add(new Failure(d.criterion(), "baseline_fn", tolerance, d.fnGrowth(), String.format(
                        "%s: %d false negatives, %d more than the baseline's %s (tolerance %d)", d.criterion(), d.currentFn(),
                        d.fnGrowth(), baselineCount(d.comparedBaselineFn(), d.baselineFn()), tolerance)));
            }
        }
        if (baseline.missedGrowth() > tolerance) {
            failures.add(new Failure(null, "baseline_missed", tolerance, baseline.missedGrowth(), String.format(
                    "handoffs expected without criteria: %d missed, %d more than the baseline's %s (tolerance %d)",
                    baseline.currentMissed(), baseline.missedGrowth(),
                    baselineCount(baseline.comparedBaselineMissed(), baseline.baselineMissed()), tolerance)));
        }
        if (!baseline.missingCriteria().isEmpty()) {
            // a removed or renamed criterion is no improvement: its errors simply are not measured any more
            String names = baseline.missingCriteria().stream()
                    .map(m -> "'" + m.name() + "' (" + m.fp() + " FP, " + m.fn() + " FN, " + m.tp() + " TP)")
                    .collect(java.util.stream.Collectors.joining(", "));
            failures.add(new Failure(null, "baseline_criteria", 0, baseline.missingCriteria().size(), String.format(
                    "the baseline has %s this configuration does not have: %s; %s cannot be compared."
                            + " If the change is meant, save a new baseline: --save-baseline %s",
                    baseline.missingCriteria().size() == 1 ? "a criterion" : "criteria", names,
                    baseline.missingCriteria().size() == 1 ? "its results" : "their results", baseline.file())));
        }
    }

    /** The baseline's count the growth is measured from: only the transcripts compared now, and says so when that is not all. */
    private static String baselineCount(long compared, long all) {
        return compared == all ? String.valueOf(all)
                : compared + " on the transcripts compared (" + all + " in all, " + (all - compared)
                + " on transcripts not scored now, no longer replayed or in another shard)";
    }

    /** How many turns have no recorded verdict and the exact command that records them. */
    static String unrecordedMessage(Summary s) {
        String command = s.recordCommand() == null ? "handoff replay --classifier ollama --record (or --classifier openai)" : s.recordCommand();
        return String.format("%d %s no recorded verdict for the current prompt (%d %s not scored); record them: %s",
                s.unrecordedTurns(), s.unrecordedTurns() == 1 ? "turn has" : "turns have", s.unrecordedCount(),
                s.unrecordedCount() == 1 ? "transcript" : "transcripts", command);
    }

    static String pct(double v) {
        return pct(v, 1);
    }

    private static String pct(double v, int decimals) {
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f%%", v * 100);
    }

    /**
     * A rate and its limit as a failure shows them. Rounded to one decimal, 3 of 9 over a limit of
     * 33.3% read "33.3% is above the limit 33.3%": then the rate gets the digits that tell them apart
     * and its fraction, "33.33% (3 of 9)", so a reader can check it; the limit keeps the digits it has.
     */
    private record Shown(String actual, String limit) {

        /** Enough: a rate and a limit closer than this are not told apart (the limit is a typed number). */
        private static final int MAX_DECIMALS = 6;

        static Shown of(double actual, long count, long of, double limit) {
            if (!pct(actual).equals(pct(limit))) {
                return new Shown(pct(actual), pct(limit));
            }
            int d = 2;
            while (d < MAX_DECIMALS && pct(actual, d).equals(pct(limit, d))) {
                d++;
            }
            // "33.300%" is the limit as typed, 33.3%: trailing zeros past the first decimal say nothing
            String typed = pct(limit, d).replaceFirst("(\\.\\d)0+%$", "$1%").replaceFirst("(\\.\\d*[1-9])0+%$", "$1%");
            return new Shown(pct(actual, d) + " (" + count + " of " + of + ")", typed);
        }
    }
}
