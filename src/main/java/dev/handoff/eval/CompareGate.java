package dev.handoff.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate of {@code replay --compare}: the replay gate's limits on the current side, and limits
 * on what changed: per criterion at most {@code maxNewFp} more false positives and
 * {@code maxNewFn} more false negatives than the base, and at most {@code maxWorse} transcripts
 * whose outcome got worse. Null means no limit.
 */
public record CompareGate(Gate current, Long maxNewFp, Long maxNewFn, Long maxWorse) {

    public record Result(boolean passed, List<Gate.Failure> failures, List<String> notes) {
    }

    public Result evaluate(Comparison c) {
        Gate.Result side = current.evaluate(c.current(), null);
        List<Gate.Failure> failures = new ArrayList<>(side.failures());
        if (c.base().unrecordedTurns() > 0) {
            failures.add(new Gate.Failure(null, "base_no_recorded_verdict", 0, c.base().unrecordedTurns(),
                    "base: " + Gate.unrecordedMessage(c.base())));
        }
        for (Comparison.Row r : c.criteria()) {
            if (maxNewFp != null && r.newFp() > maxNewFp) {
                failures.add(new Gate.Failure(r.name(), "max_new_fp", maxNewFp, r.newFp(), growth(r, "false positives", r.current().fp(),
                        r.newFp(), r.base() == null ? 0 : r.base().fp(), maxNewFp)));
            }
            if (maxNewFn != null && r.newFn() > maxNewFn) {
                failures.add(new Gate.Failure(r.name(), "max_new_fn", maxNewFn, r.newFn(), growth(r, "false negatives", r.current().fn(),
                        r.newFn(), r.base() == null ? 0 : r.base().fn(), maxNewFn)));
            }
        }
        for (Comparison.Row r : c.criteria()) {
            if ((maxNewFp != null || maxNewFn != null) && r.current() == null && r.base().tp() + r.base().fn() > 0) {
                // labels still name it: its errors leave the counts with it, and a rename with the labels left behind passed as
                // "2 better", exit 0. Removed with its labels (FP only in the base), it is a plain improvement
                failures.add(new Gate.Failure(r.name(), "removed_criterion", 0, r.base().tp() + r.base().fn(), String.format(
                        "'%s' is only a criterion of the base configuration, and the labels of %s name it (%d TP, %d FN there):"
                                + " this configuration does not score them; rename or remove those labels too",
                        r.name(), Format.plural(r.base().tp() + r.base().fn(), "transcript"), r.base().tp(), r.base().fn())));
            }
        }
        if (maxNewFn != null && c.newMissed() > maxNewFn) {
            // a label without criteria is no criterion's row, but a newly missed handoff is a new false negative all the same
            failures.add(new Gate.Failure(null, "max_new_fn", maxNewFn, c.newMissed(), String.format(
                    "handoffs expected without criteria: %d missed, %d more than the base's %d (at most %d more allowed)",
                    c.currentMissed(), c.newMissed(), c.baseMissed(), maxNewFn)));
        }
        if ((maxNewFp != null || maxNewFn != null) && current.maxInvalid() == null && c.newlyInvalid() > 0) {
            // an unscored transcript leaves the FP and FN counts, so broken output made the deltas go down and passed
            failures.add(new Gate.Failure(null, "new_invalid", 0, c.newlyInvalid(), String.format(
                    "%d %s scored with the base configuration got invalid classifier output with this one: no measurement,"
                            + " so their false positives and negatives are not in the counts above (--max-invalid N allows N)",
                    c.newlyInvalid(), c.newlyInvalid() == 1 ? "transcript" : "transcripts")));
        }
        if (maxWorse != null && c.worse() > maxWorse) {
            failures.add(new Gate.Failure(null, "max_worse", maxWorse, c.worse(), String.format(
                    "%s got worse than with the base configuration (at most %d allowed)", Format.plural(c.worse(), "transcript"), maxWorse)));
        }
        return new Result(failures.isEmpty(), List.copyOf(failures), side.notes());
    }

    private static String growth(Comparison.Row r, String what, long now, long more, long before, long allowed) {
        if (r.base() == null) {
            return String.format("%s: %d %s, all new: the base configuration has no criterion of that name (at most %d more allowed)",
                    r.name(), now, what, allowed);
        }
        return String.format("%s: %d %s, %d more than the base's %d (at most %d more allowed)", r.name(), now, what, more, before, allowed);
    }
}
