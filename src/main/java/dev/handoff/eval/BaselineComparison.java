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
 */
public record BaselineComparison(String file, List<Delta> criteria, List<Flip> newErrors, long newErrorCount, List<Flip> fixed,
                                 long fixedCount, long addedErrors, long missing, long added, List<String> warnings) {

    public record Delta(String criterion, long baselineFp, long currentFp, long baselineFn, long currentFn) {
        public long fpGrowth() {
            return currentFp - baselineFp;
        }

        public long fnGrowth() {
            return currentFn - baselineFn;
        }
    }
}
