package dev.handoff.eval;

/**
 * A criterion's outcome on one labelled transcript (docs/replay.md, "Scoring"). TN is not stored:
 * it is every scored transcript without one of these. A criterion that fires too early is both
 * FP (it fired when it should not) and FN (the handoff it should have made was missed).
 */
public enum Label {
    TP, FP, FN
}
