package dev.handoff.eval;

/**
 * A transcript whose outcome for a criterion changed against the baseline: it newly became a
 * false positive or false negative, or it was one and is not any more ({@code fixed}).
 *
 * @param criterion null for the handoff of a label without criteria (expected, missed): no criterion's FN
 * @param turn the trigger turn of the current run, or null
 * @param text the user message that fired in the current run, or null
 */
public record Flip(long ordinal, String id, String criterion, Label label, boolean fixed, Integer turn, String text) {

    /** How reports name the criterion. */
    public static String criterionShown(String criterion) {
        return criterion == null ? "handoff (expected, no criteria)" : criterion;
    }
}
