package dev.handoff.eval;

import dev.handoff.transcript.TranscriptProblem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a report says, accumulated one transcript outcome at a time in bounded memory
 * (counts, and at most {@link #CAP} example transcripts per list). The same outcomes give the
 * same summary in any order, so shard reports merge exactly.
 */
public final class Summary {

    public static final int CAP = 1000;
    public static final String NONE = "(none)";

    ReportContext context;
    final Map<String, CriterionStats> criteria = new LinkedHashMap<>();
    long transcripts;
    long scored;
    long unlabelled;
    long handoffs;
    long unlabelledHandoffs;
    long scoredWithErrors;
    final Map<Timing, Long> timing = new EnumMap<>(Timing.class);
    final Map<Timing, Capped> timingExamples = new EnumMap<>(Timing.class);
    /** expected route -> predicted route -> count. */
    final Map<String, Map<String, Long>> routing = new TreeMap<>();
    final Map<Hours, Long> hours = new EnumMap<>(Hours.class);
    final Capped outsideHours = new Capped(CAP);
    /** Handoffs outside working hours by local weekday (Monday first) and by local hour: when the offline message is read. */
    final long[] outsideByWeekday = new long[7];
    final long[] outsideByHour = new long[24];
    final Capped invalid = new Capped(CAP);
    final Capped unrecorded = new Capped(CAP);
    long unrecordedAfterTrigger;
    String recordCommand;
    final Capped bad = new Capped(CAP);
    final Capped unstable = new Capped(CAP);
    final Map<String, Long> unknownCriteria = new TreeMap<>();
    final Map<String, Long> unknownRoutes = new TreeMap<>();
    /** Criteria the configuration has but switched off, with the transcripts that expect them: they can only be missed. */
    final Map<String, Long> inactiveCriteria = new TreeMap<>();
    final Set<String> skippedFiles = new LinkedHashSet<>();
    final Set<String> warnings = new LinkedHashSet<>();
    Sweep sweep;

    public Summary(ReportContext context) {
        this.context = context;
        for (ReportContext.CriterionInfo c : context.criteria()) {
            criteria.put(c.name(), new CriterionStats(c));
        }
        for (Timing t : Timing.values()) {
            timing.put(t, 0L);
            timingExamples.put(t, new Capped(CAP));
        }
        for (Hours h : Hours.values()) {
            hours.put(h, 0L);
        }
    }

    public void add(TranscriptOutcome o) {
        transcripts++;
        if (o.unstable()) {
            unstable.add(Example.of(o));
        }
        if (o.expect() != null) {
            countUnknownLabels(o);
        }
        switch (o.status()) {
            case INVALID -> invalid.add(new Example(o.ordinal(), o.id(), o.invalid().turn(), List.of(), null, o.invalid().reason()));
            case UNRECORDED -> unrecorded.add(new Example(o.ordinal(), o.id(), o.invalid().turn(), List.of(), null, o.invalid().reason()));
            case UNLABELLED -> {
                unlabelled++;
                if (o.handedOff()) {
                    unlabelledHandoffs++;
                    o.fired().forEach(c -> stats(c).unlabelledFired++);
                }
            }
            case SCORED -> addScored(o);
        }
        if (o.handedOff() && o.status() != TranscriptOutcome.Status.INVALID) {
            handoffs++;
            Hours h = o.hours() == null ? Hours.UNKNOWN : o.hours();
            hours.merge(h, 1L, Long::sum);
            if (h == Hours.OUTSIDE) {
                outsideHours.add(Example.of(o));
                if (o.triggerLocal() != null) {
                    outsideByWeekday[o.triggerLocal().getDayOfWeek().getValue() - 1]++;
                    outsideByHour[o.triggerLocal().getHour()]++;
                }
            }
        }
    }

    private void addScored(TranscriptOutcome o) {
        scored++;
        if (o.labels().values().stream().anyMatch(l -> l.contains(Label.FP) || l.contains(Label.FN))
                || BaselineDiff.missedWithoutCriteria(o)) {
            scoredWithErrors++;
        }
        for (var e : o.labels().entrySet()) {
            CriterionStats s = stats(e.getKey());
            s.labelled++;
            for (Label l : e.getValue()) {
                switch (l) {
                    case TP -> s.tp++;
                    case FP -> {
                        s.fp++;
                        s.falsePositives.add(Example.of(o));
                    }
                    case FN -> {
                        s.fn++;
                        s.falseNegatives.add(Example.of(o));
                    }
                }
            }
        }
        timing.merge(o.timing(), 1L, Long::sum);
        Example example = Example.of(o);
        if (o.expect().turn() != null && (o.timing() == Timing.PREMATURE || o.timing() == Timing.LATE)) {
            example = example.withNote("expected from turn " + o.expect().turn());
        }
        timingExamples.get(o.timing()).add(example);
        if (o.handedOff() && context.routingActive()) {
            String expected = o.expect().route() == null ? NONE : o.expect().route();
            String predicted = o.route() == null ? NONE : o.route();
            routing.computeIfAbsent(expected, k -> new TreeMap<>()).merge(predicted, 1L, Long::sum);
        }
    }

    private void countUnknownLabels(TranscriptOutcome o) {
        for (String c : o.expect().criteria()) {
            CriterionStats known = criteria.get(c);
            if (known == null) {
                unknownCriteria.merge(c, 1L, Long::sum);
            } else if (!known.info().active()) {
                inactiveCriteria.merge(c, 1L, Long::sum);
            }
        }
        String route = o.expect().route();
        if (route != null && context.routingProfiles().stream().noneMatch(p -> p.name().equals(route))) {
            unknownRoutes.merge(route, 1L, Long::sum);
        }
    }

    private CriterionStats stats(String name) {
        // a label on a criterion the context does not know can only come from a hand-edited report
        return criteria.computeIfAbsent(name, n -> new CriterionStats(new ReportContext.CriterionInfo(n, "unknown", false, false,
                dev.handoff.config.EvaluationSettings.GateLimits.NONE)));
    }

    public void addBad(long ordinal, TranscriptProblem problem) {
        bad.add(new Example(ordinal, Format.plainLine(problem.transcriptId()), null, List.of(), null, Format.plainLine(problem.describe())));
    }

    void absorbBad(List<Example> examples, long total) {
        bad.absorb(examples, total);
    }

    public void skippedFile(String file) {
        skippedFiles.add(file);
    }

    /** What a shard read, for report merge's check that every shard read the same transcripts. */
    public void inputDigest(String digest) {
        context = context.withRun(context.run().withInputDigest(digest));
    }

    /** The classifier's description as it was after the run (model digests may only be known then). */
    public void classifierDescribe(java.util.Map<String, String> describe) {
        context = context.withClassifierDescribe(describe);
    }

    public void warn(String warning) {
        warnings.add(Format.plainLine(warning));
    }

    public void sweep(Sweep sweep) {
        this.sweep = sweep;
    }

    // --- read access for reports and the gate ---

    public ReportContext context() {
        return context;
    }

    public List<CriterionStats> shownCriteria() {
        return criteria.values().stream().filter(CriterionStats::shown).toList();
    }

    public CriterionStats criterion(String name) {
        return criteria.get(name);
    }

    public long transcripts() {
        return transcripts;
    }

    public long scored() {
        return scored;
    }

    /** Scored transcripts with at least one FP or FN: the failing test cases of the JUnit report. */
    public long scoredWithErrors() {
        return scoredWithErrors;
    }

    public long unlabelled() {
        return unlabelled;
    }

    public long invalidCount() {
        return invalid.total();
    }

    /** True for a replay from recorded verdicts: reports then show the "no recorded verdict" bucket. */
    public boolean recordedReplay() {
        return "recorded".equals(context.classifierId());
    }

    /** Transcripts that stopped at a turn with no recorded verdict (not scored). */
    public long unrecordedCount() {
        return unrecorded.total();
    }

    public List<Example> unrecordedExamples() {
        return unrecorded.examples();
    }

    /** Every turn without a recorded verdict: one per unrecorded transcript, plus any after a trigger (--all-turns). */
    public long unrecordedTurns() {
        return unrecorded.total() + unrecordedAfterTrigger;
    }

    public void unrecordedAfterTrigger(long turns) {
        unrecordedAfterTrigger += turns;
    }

    /** The command that records the missing verdicts, for the gate's message; null when not a recorded replay. */
    public String recordCommand() {
        return recordCommand;
    }

    public void recordCommand(String command) {
        this.recordCommand = command;
    }

    public List<Example> invalidExamples() {
        return invalid.examples();
    }

    public long badCount() {
        return bad.total();
    }

    public List<Example> badExamples() {
        return bad.examples();
    }

    public long unstableCount() {
        return unstable.total();
    }

    public List<Example> unstableExamples() {
        return unstable.examples();
    }

    public long handoffs() {
        return handoffs;
    }

    public long unlabelledHandoffs() {
        return unlabelledHandoffs;
    }

    public Map<String, Long> unlabelledByCriterion() {
        Map<String, Long> m = new LinkedHashMap<>();
        criteria.values().stream().filter(s -> s.unlabelledFired > 0).forEach(s -> m.put(s.name(), s.unlabelledFired));
        return m;
    }

    public long timing(Timing t) {
        return timing.get(t);
    }

    public List<Example> timingExamples(Timing t) {
        return timingExamples.get(t).examples();
    }

    public Map<String, Map<String, Long>> routing() {
        return routing;
    }

    /** Rows and columns of the routing matrix: the profiles in configuration order, then "(none)", then others. */
    public List<String> routingLabels() {
        Set<String> labels = new LinkedHashSet<>(context.routingProfiles().stream().map(ReportContext.ProfileInfo::name).toList());
        labels.add(NONE);
        routing.forEach((expected, row) -> {
            labels.add(expected);
            labels.addAll(row.keySet());
        });
        List<String> used = new ArrayList<>();
        for (String l : labels) {
            boolean inRow = routing.containsKey(l);
            boolean inColumn = routing.values().stream().anyMatch(r -> r.containsKey(l));
            if (inRow || inColumn || context.activeRoutingProfiles().contains(l)) {
                used.add(l);
            }
        }
        return used;
    }

    public long routed() {
        return routing.values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** Handoffs whose expected route was given and matched. */
    public long routedCorrectly() {
        long n = 0;
        for (var e : routing.entrySet()) {
            if (!e.getKey().equals(NONE)) {
                n += e.getValue().getOrDefault(e.getKey(), 0L);
            }
        }
        return n;
    }

    public long routedWithExpectation() {
        return routing.entrySet().stream().filter(e -> !e.getKey().equals(NONE))
                .flatMap(e -> e.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }

    public long hours(Hours h) {
        return hours.get(h);
    }

    /** Outside-hours handoffs per local weekday, Monday first. */
    public long[] outsideByWeekday() {
        return outsideByWeekday.clone();
    }

    /** Outside-hours handoffs per local hour, 0-23. */
    public long[] outsideByHour() {
        return outsideByHour.clone();
    }

    public List<Example> outsideHoursExamples() {
        return outsideHours.examples();
    }

    public Map<String, Long> unknownCriteria() {
        return unknownCriteria;
    }

    public Map<String, Long> unknownRoutes() {
        return unknownRoutes;
    }

    /** Per inactive criterion some transcript expects, how many do. */
    public Map<String, Long> inactiveCriteria() {
        return inactiveCriteria;
    }

    public List<String> skippedFiles() {
        return new ArrayList<>(skippedFiles);
    }

    public List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public Sweep sweep() {
        return sweep;
    }
}
