package dev.handoff.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison behind {@link Baseline#compare}: streams the current outcomes against what the
 * baseline kept (its ids, errors and counts). A baseline error is fixed only when this run scored
 * the same transcript on the same criterion without it; an error this run cannot judge (the
 * transcript is invalid or unscored now, or the criterion is gone) is "not compared", never fixed,
 * or a classifier that breaks on every turn would clear a baseline's errors.
 */
final class BaselineDiff {

    static final String GONE = "criterion not in this configuration";

    private final String file;
    private final Map<String, long[]> counts;
    private final Map<String, Map<String, String>> errors;
    private final Set<String> ids;
    private final Set<String> missedWithoutCriteria;
    /** The shard this run replayed when the baseline covers all transcripts, else null: the others are left out of the comparison. */
    private final Shard scope;
    /** criterion -> {fp, fn} of the baseline's errors on transcripts this run cannot compare (not scored now, not replayed, other shard) */
    private final Map<String, long[]> uncompared = new HashMap<>();
    private long uncomparedMissed;
    private long otherShard;

    private final List<Flip> newFlips = new ArrayList<>();
    private final List<Flip> fixedFlips = new ArrayList<>();
    private final List<BaselineComparison.NotCompared> notCompared = new ArrayList<>();
    private long newCount;
    private long fixedCount;
    private long notComparedCount;
    private long addedErrors;
    private long added;
    private long currentMissed;

    /** @param counts criterion -> {fp, fn, tp}; errors: id -> criterion -> "FP", "FN" or "FP,FN" */
    BaselineDiff(String file, Map<String, long[]> counts, Map<String, Map<String, String>> errors, Set<String> ids,
                 Set<String> missedWithoutCriteria, Shard scope) {
        this.file = file;
        this.scope = scope;
        this.counts = counts;
        this.errors = errors;
        this.ids = ids;
        this.missedWithoutCriteria = missedWithoutCriteria;
    }

    BaselineComparison compare(Summary current, Iterable<TranscriptOutcome> outcomes, List<String> warnings) {
        Set<String> configured = new HashSet<>();
        current.context().criteria().forEach(c -> configured.add(c.name()));
        Set<String> seen = new HashSet<>();
        for (TranscriptOutcome o : outcomes) {
            seen.add(o.id());
            outcome(o, configured);
        }
        long missing = 0;
        for (String id : ids) {
            if (seen.contains(id)) {
                continue;
            }
            if (scope != null && !scope.owns(id)) {
                otherShard++;
            } else {
                missing++;
            }
            // not replayed here: its baseline errors cannot offset (or be offset by) this run's errors
            uncompared(id);
        }
        List<BaselineComparison.Delta> deltas = new ArrayList<>();
        for (CriterionStats s : current.shownCriteria()) {
            long[] before = counts.getOrDefault(s.name(), new long[]{0, 0, 0});
            long[] out = uncompared.getOrDefault(s.name(), new long[]{0, 0});
            deltas.add(new BaselineComparison.Delta(s.name(), before[0], s.fp(), before[1], s.fn(), out[0], out[1]));
        }
        List<BaselineComparison.MissingCriterion> gone = new ArrayList<>();
        for (var e : counts.entrySet()) {
            long[] c = e.getValue();
            if (deltas.stream().noneMatch(d -> d.criterion().equals(e.getKey()))) {
                long[] out = uncompared.getOrDefault(e.getKey(), new long[]{0, 0});
                deltas.add(new BaselineComparison.Delta(e.getKey(), c[0], 0, c[1], 0, out[0], out[1]));
            }
            if (!configured.contains(e.getKey()) && c[0] + c[1] + c[2] > 0) {
                gone.add(new BaselineComparison.MissingCriterion(e.getKey(), c[2], c[0], c[1]));
            }
        }
        return new BaselineComparison(file, deltas, List.copyOf(newFlips), newCount, List.copyOf(fixedFlips), fixedCount, addedErrors,
                missing, added, warnings, List.copyOf(notCompared), notComparedCount, List.copyOf(gone), missedWithoutCriteria.size(),
                currentMissed, uncomparedMissed, otherShard);
    }

    /** Takes a baseline transcript's errors out of the comparison: this run has nothing to set against them. */
    private void uncompared(String id) {
        for (var e : errors.getOrDefault(id, Map.of()).entrySet()) {
            long[] c = uncompared.computeIfAbsent(e.getKey(), k -> new long[2]);
            c[0] += has(e.getValue(), Label.FP) ? 1 : 0;
            c[1] += has(e.getValue(), Label.FN) ? 1 : 0;
        }
        if (missedWithoutCriteria.contains(id)) {
            uncomparedMissed++;
        }
    }

    private void outcome(TranscriptOutcome o, Set<String> configured) {
        boolean known = ids.contains(o.id());
        if (!known) {
            added++;
        }
        Map<String, String> before = errors.getOrDefault(o.id(), Map.of());
        boolean missedNow = missedWithoutCriteria(o);
        if (missedNow) {
            currentMissed++;
        }
        for (var e : o.labels().entrySet()) {
            for (Label l : e.getValue()) {
                if (l != Label.TP) {
                    newError(o, known, has(before.get(e.getKey()), l), e.getKey(), l);
                }
            }
        }
        if (missedNow) {
            newError(o, known, missedWithoutCriteria.contains(o.id()), null, Label.FN);
        }
        if (!known) {
            return;
        }
        String why = switch (o.status()) {
            case SCORED -> null;
            case INVALID -> "invalid output now";
            case UNLABELLED -> "unlabelled now";
            case UNRECORDED -> "no recorded verdict now";
        };
        if (why != null) {
            uncompared(o.id());
        }
        for (var e : before.entrySet()) {
            for (String l : e.getValue().split(",")) {
                Label label = Label.valueOf(l);
                if (!configured.contains(e.getKey())) {
                    notCompared(o, e.getKey(), label, GONE);
                } else if (why != null) {
                    notCompared(o, e.getKey(), label, why);
                } else if (!o.labels(e.getKey()).contains(label)) {
                    fixed(o, e.getKey(), label);
                }
            }
        }
        if (missedWithoutCriteria.contains(o.id()) && !missedNow) {
            if (why != null) {
                notCompared(o, null, Label.FN, why);
            } else {
                fixed(o, null, Label.FN);
            }
        }
    }

    /** A label that expects a handoff without naming criteria, missed: no criterion's FN, but an error all the same. */
    static boolean missedWithoutCriteria(TranscriptOutcome o) {
        return o.status() == TranscriptOutcome.Status.SCORED && o.timing() == Timing.MISSED && o.expect() != null
                && o.expect().criteria().isEmpty();
    }

    private void newError(TranscriptOutcome o, boolean known, boolean before, String criterion, Label l) {
        if (!known) {
            addedErrors++;
        } else if (!before) {
            newCount++;
            addCapped(newFlips, new Flip(o.ordinal(), o.id(), criterion, l, false, o.triggerTurn(), o.triggerText()));
        }
    }

    private void fixed(TranscriptOutcome o, String criterion, Label l) {
        fixedCount++;
        addCapped(fixedFlips, new Flip(o.ordinal(), o.id(), criterion, l, true, o.triggerTurn(), o.triggerText()));
    }

    private void notCompared(TranscriptOutcome o, String criterion, Label l, String why) {
        notComparedCount++;
        addCapped(notCompared, new BaselineComparison.NotCompared(o.ordinal(), o.id(), criterion, l, why));
    }

    /** Outcomes arrive in input order, so the first {@link Summary#CAP} are the ones kept everywhere else too. */
    private static <T> void addCapped(List<T> list, T item) {
        if (list.size() < Summary.CAP) {
            list.add(item);
        }
    }

    private static boolean has(String labels, Label l) {
        if (labels == null) {
            return false;
        }
        for (String s : labels.split(",")) {
            if (s.equals(l.name())) {
                return true;
            }
        }
        return false;
    }
}
