package dev.handoff.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The same transcripts replayed against two configurations: per criterion, the scores of each
 * side and their difference, and the transcripts whose outcome changed.
 *
 * @param base         the configuration compared against (e.g. the target branch's)
 * @param current      the configuration under review; the gate's limits apply to it
 * @param criteria     every criterion of the current configuration, then those only the base has
 * @param changes      transcripts whose outcome changed, in input order, at most {@link Summary#CAP}
 * @param changedTotal every changed transcript, including those beyond the cap
 * @param warnings     each side's run warnings (the base's prefixed "base: "), then criteria only one side has
 * @param baseMissed   transcripts whose label expects a handoff without naming criteria and that missed it, with the base
 *                     configuration (no criterion's FN, so in no row); {@code currentMissed} the same with the current one
 * @param newlyInvalid transcripts scored with the base configuration that got invalid classifier output with the current one
 */
public record Comparison(Summary base, Summary current, List<Row> criteria, List<Change> changes, long changedTotal,
                         long better, long worse, List<String> warnings, long baseMissed, long currentMissed, long newlyInvalid) {

    /** Growth of the missed handoffs of labels without criteria: a false negative of no criterion, new all the same. */
    public long newMissed() {
        return currentMissed - baseMissed;
    }

    /** One side's figures for a criterion; null where that configuration does not have it. */
    public record Side(long tp, long fp, long fn, Double precision, Double recall, Double fpRate) {

        static Side of(CriterionStats c, long scored) {
            return c == null ? null : new Side(c.tp(), c.fp(), c.fn(), c.precision(), c.recall(), c.fpRate(scored));
        }
    }

    public record Row(String name, Side base, Side current) {

        /**
         * Growth of FP from base to current. A criterion only the current side has had none of that
         * name in the base, so all its FP are new (a renamed criterion must not slip past the gate);
         * one only the base has cannot be compared: 0.
         */
        public long newFp() {
            return current == null ? 0 : current.fp() - (base == null ? 0 : base.fp());
        }

        public long newFn() {
            return current == null ? 0 : current.fn() - (base == null ? 0 : base.fn());
        }

        /** "base" or "current" when only that side has the criterion, else null. */
        public String onlyIn() {
            return base == null ? "current" : current == null ? "base" : null;
        }
    }

    public enum Direction {
        /** Fewer FP/FN labels than before. */
        BETTER,
        /** More FP/FN labels (or newly invalid or unrecorded). */
        WORSE,
        /** Different turn, criteria or route, same number of errors (or unlabelled). */
        CHANGED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What one side made of a transcript. {@code errors}: "FP asks_for_human", "FN Refund requests", and
     * "FN handoff (expected, no criteria)" for a missed handoff whose label names no criteria.
     *
     * @param missedExpected scored, a handoff expected, and none fired (whatever the criteria say)
     */
    public record Outcome(String status, Integer turn, List<String> fired, String route, List<String> errors, boolean missedExpected) {

        static Outcome of(TranscriptOutcome o) {
            List<String> errors = new ArrayList<>();
            o.labels().forEach((c, labels) -> labels.stream().filter(l -> l != Label.TP).forEach(l -> errors.add(l + " " + c)));
            if (BaselineDiff.missedWithoutCriteria(o)) {
                errors.add(Label.FN + " " + Flip.criterionShown(null));
            }
            Integer turn = o.invalid() != null ? Integer.valueOf(o.invalid().turn()) : o.triggerTurn();
            boolean missed = o.status() == TranscriptOutcome.Status.SCORED && o.timing() == Timing.MISSED;
            return new Outcome(o.status().id(), turn, o.fired(), o.route(), List.copyOf(errors), missed);
        }

        /**
         * The same trigger turn, firing criteria, route and status: what "changed" is about. The errors may differ
         * while nothing else does (a criterion the label names only one configuration has): that is no change of the
         * transcript, it was an improvement on nothing.
         */
        boolean sameAs(Outcome other) {
            return status.equals(other.status) && java.util.Objects.equals(turn, other.turn) && fired.equals(other.fired)
                    && java.util.Objects.equals(route, other.route);
        }

        /** "turn 2 [asks_for_human] → Billing", "no handoff", "invalid at turn 1". */
        public String describe() {
            if (!status.equals(TranscriptOutcome.Status.SCORED.id()) && !status.equals(TranscriptOutcome.Status.UNLABELLED.id())) {
                return (status.equals(TranscriptOutcome.Status.UNRECORDED.id()) ? "no recorded verdict" : status) + " at turn " + turn;
            }
            if (turn == null) {
                return "no handoff";
            }
            return "turn " + turn + " [" + String.join(", ", fired) + "]" + (route == null ? "" : " → " + route);
        }
    }

    public record Change(long ordinal, String id, String source, Direction direction, Outcome base, Outcome current) {
    }

    /** Pairs the outcomes of both sides, which replay produced from the same transcripts in the same order. */
    public static Comparison of(Summary base, Iterator<TranscriptOutcome> baseOutcomes, Summary current,
                                Iterator<TranscriptOutcome> currentOutcomes) {
        Set<String> names = new LinkedHashSet<>();
        current.shownCriteria().forEach(c -> names.add(c.name()));
        base.shownCriteria().forEach(c -> names.add(c.name()));
        List<Row> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(new Row(n, Side.of(shown(base, n), base.scored()), Side.of(shown(current, n), current.scored())));
        }
        List<Change> changes = new ArrayList<>();
        long total = 0;
        long better = 0;
        long worse = 0;
        long baseMissed = 0;
        long currentMissed = 0;
        long newlyInvalid = 0;
        // paired by input position: a transcript only one side could read (--keep-going) has no pair
        TranscriptOutcome b = next(baseOutcomes);
        TranscriptOutcome c = next(currentOutcomes);
        while (b != null && c != null) {
            if (b.ordinal() < c.ordinal()) {
                b = next(baseOutcomes);
                continue;
            }
            if (c.ordinal() < b.ordinal()) {
                c = next(currentOutcomes);
                continue;
            }
            Outcome ob = Outcome.of(b);
            Outcome oc = Outcome.of(c);
            baseMissed += BaselineDiff.missedWithoutCriteria(b) ? 1 : 0;
            currentMissed += BaselineDiff.missedWithoutCriteria(c) ? 1 : 0;
            newlyInvalid += b.status() == TranscriptOutcome.Status.SCORED && c.invalid() != null ? 1 : 0;
            if (!ob.sameAs(oc)) {
                Direction d = direction(ob, oc);
                total++;
                better += d == Direction.BETTER ? 1 : 0;
                worse += d == Direction.WORSE ? 1 : 0;
                if (changes.size() < Summary.CAP) {
                    changes.add(new Change(c.ordinal(), c.id(), c.source(), d, ob, oc));
                }
            }
            b = next(baseOutcomes);
            c = next(currentOutcomes);
        }
        return new Comparison(base, current, List.copyOf(rows), List.copyOf(changes), total, better, worse, warnings(base, current, rows),
                baseMissed, currentMissed, newlyInvalid);
    }

    private static List<String> warnings(Summary base, Summary current, List<Row> rows) {
        // each side's run warnings, as a plain replay of it shows them: a value its configuration has that the
        // documented rules refuse (a time zone read as UTC) makes that side's figures doubtful, whichever side it is
        List<String> w = new ArrayList<>(ReportWarnings.of(current));
        ReportWarnings.of(base).forEach(x -> w.add("base: " + x));
        for (Row r : rows) {
            if (r.base() == null) {
                w.add("'" + r.name() + "' is not a criterion of the base configuration: its " + Format.plural(r.current().fp(), "false positive")
                        + " and " + Format.plural(r.current().fn(), "false negative") + " all count as new");
            } else if (r.current() == null) {
                w.add("'" + r.name() + "' is only a criterion of the base configuration: its " + Format.plural(r.base().fp(), "false positive")
                        + " and " + Format.plural(r.base().fn(), "false negative") + " there cannot be compared with this configuration");
            }
        }
        return List.copyOf(w);
    }

    private static TranscriptOutcome next(Iterator<TranscriptOutcome> it) {
        return it.hasNext() ? it.next() : null;
    }

    private static CriterionStats shown(Summary s, String name) {
        CriterionStats c = s.criterion(name);
        return c != null && c.shown() ? c : null;
    }

    private static Direction direction(Outcome base, Outcome current) {
        boolean baseScored = base.status().equals(TranscriptOutcome.Status.SCORED.id());
        boolean currentScored = current.status().equals(TranscriptOutcome.Status.SCORED.id());
        if (baseScored && !currentScored && !current.status().equals(TranscriptOutcome.Status.UNLABELLED.id())) {
            return Direction.WORSE;
        }
        if (!baseScored || !currentScored) {
            return currentScored ? Direction.BETTER : Direction.CHANGED;
        }
        int diff = current.errors().size() - base.errors().size();
        if (diff == 0 && current.missedExpected() != base.missedExpected()) {
            // an expected handoff lost (or won) with no error label to show it: a criterion the label names is
            // missing from one configuration, so it is scored on neither side
            return current.missedExpected() ? Direction.WORSE : Direction.BETTER;
        }
        return diff > 0 ? Direction.WORSE : diff < 0 ? Direction.BETTER : Direction.CHANGED;
    }
}
