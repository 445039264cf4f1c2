package dev.handoff.eval;

import dev.handoff.transcript.Expectation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scoring rules of docs/replay.md, literally: per criterion TP, FP, FN (TN is everything else). */
public final class Scoring {

    private Scoring() {
    }

    /**
     * @param trigger  the trigger turn, or null when nothing fired
     * @param fired    the criteria that fired at the trigger turn
     * @param criteria the criteria scored (every criterion of the configuration), in report order
     * @return per criterion its labels; criteria that are TN are absent
     */
    public static Map<String, List<Label>> score(Expectation expect, Integer trigger, Set<String> fired, Collection<String> criteria) {
        Map<String, List<Label>> out = new LinkedHashMap<>();
        boolean listedCorrect = false;
        for (String c : expect.criteria()) {
            if (correct(expect, trigger, fired, c)) {
                listedCorrect = true;
                break;
            }
        }
        for (String c : criteria) {
            List<Label> labels = new ArrayList<>(2);
            boolean isFired = trigger != null && fired.contains(c);
            boolean tp = correct(expect, trigger, fired, c);
            if (tp) {
                labels.add(Label.TP);
            } else if (isFired) {
                labels.add(Label.FP);
            }
            if (expect.handoff() && expect.criteria().contains(c) && !listedCorrect) {
                labels.add(Label.FN);
            }
            if (!labels.isEmpty()) {
                out.put(c, List.copyOf(labels));
            }
        }
        return out;
    }

    /** c fired at the trigger turn, a handoff is expected for this reason, and not too early. */
    static boolean correct(Expectation expect, Integer trigger, Set<String> fired, String c) {
        return trigger != null && fired.contains(c) && expect.handoff()
                && (expect.criteria().isEmpty() || expect.criteria().contains(c))
                && (expect.turn() == null || trigger >= expect.turn());
    }

    public static Timing timing(Expectation expect, Integer trigger) {
        if (expect.handoff()) {
            if (trigger == null) {
                return Timing.MISSED;
            }
            if (expect.turn() != null && trigger < expect.turn()) {
                return Timing.PREMATURE;
            }
            if (expect.turn() != null && trigger > expect.turn()) {
                return Timing.LATE;
            }
            return Timing.ON_TIME;
        }
        return trigger == null ? Timing.QUIET : Timing.UNWANTED;
    }
}
