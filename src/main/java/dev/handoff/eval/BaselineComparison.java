package dev.handoff.eval;

import java.util.List;

/**
 * The current run against a saved report (--baseline).
 *
 * @param criteria         per criterion, the FP and FN counts then and now
 * @param newErrors        transcripts that newly became FP or FN (at most {@link Summary#CAP})
 * @param fixed            transcripts that were FP or FN and are not any more (at most {@link Summary#CAP})
 * @param newErrorCount    all of them, also beyond the cap
 * @param addedErrors      errors on transcripts the baseline did not have (new transcripts are not flips)
 * @param missing          baseline transcripts not in this run
 * @param added            transcripts of this run not in the baseline
 * @param warnings         differences in how the two runs were made (classifier, shard)
 * @param notCompared      baseline errors this run cannot judge, neither fixed nor still there: the transcript
 *                         is not scored now (invalid output, unlabelled, no recorded verdict) or its criterion is
 *                         not in this configuration (at most {@link Summary#CAP})
 * @param notComparedCount all of them, also beyond the cap
 * @param missingCriteria  criteria that measured something in the baseline and that this configuration does not have
 * @param baselineMissed   handoffs expected by a label without criteria and missed, in the baseline (no criterion's FN)
 * @param currentMissed    the same in this run
 * @param baselineMissedNotCompared of {@code baselineMissed}, those on transcripts not scored now or not replayed
 * @param otherShard       baseline transcripts left out because this run is one shard and they belong to another
 */
public record BaselineComparison(String file, List<Delta> criteria, List<Flip> newErrors, long newErrorCount, List<Flip> fixed,
                                 long fixedCount, long addedErrors, long missing, long added, List<String> warnings,
                                 List<NotCompared> notCompared, long notComparedCount, List<MissingCriterion> missingCriteria,
                                 long baselineMissed, long currentMissed, long baselineMissedNotCompared, long otherShard) {

    /**
     * One criterion's counts. Growth is measured like with like: the baseline's errors on transcripts this
     * run does not score (unlabelled, invalid or unrecorded now, no longer replayed, another shard) are taken
     * out of the baseline's count, or an error that is not compared would offset a new one.
     *
     * @param baselineFpNotCompared of {@code baselineFp}, those on transcripts not compared now; likewise FN
     */
    public record Delta(String criterion, long baselineFp, long currentFp, long baselineFn, long currentFn,
                        long baselineFpNotCompared, long baselineFnNotCompared) {
        /** The baseline's false positives on the transcripts compared now. */
        public long comparedBaselineFp() {
            return baselineFp - baselineFpNotCompared;
        }

        public long comparedBaselineFn() {
            return baselineFn - baselineFnNotCompared;
        }

        public long fpGrowth() {
            return currentFp - comparedBaselineFp();
        }

        public long fnGrowth() {
            return currentFn - comparedBaselineFn();
        }
    }

    /**
     * A baseline error this run says nothing about.
     *
     * @param criterion null for a missed handoff of a label without criteria
     * @param why       "invalid output now", "unlabelled now", "no recorded verdict now", "criterion not in this configuration"
     */
    public record NotCompared(long ordinal, String id, String criterion, Label label, String why) {
    }

    public record MissingCriterion(String name, long tp, long fp, long fn) {
    }

    public long comparedBaselineMissed() {
        return baselineMissed - baselineMissedNotCompared;
    }

    public long missedGrowth() {
        return currentMissed - comparedBaselineMissed();
    }
}
