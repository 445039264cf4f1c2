package dev.handoff.eval;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One round's turns asked as one batch per run of {@code --repeat}. A batch asks each distinct
 * question once (two transcripts with the same conversation so far share an answer), so the N
 * runs of a transcript in one batch got one answer between them and could never disagree.
 */
final class RunBatches {

    private RunBatches() {
    }

    /**
     * @param runOf    for each request, the run it belongs to (0 .. repeat-1)
     * @param answered told how many of all the requests have an answer so far
     */
    static List<Verdict> classify(Classifier classifier, List<TurnRequest> requests, List<Integer> runOf, int repeat, IntConsumer answered) {
        List<Verdict> verdicts = new ArrayList<>(Collections.nCopies(requests.size(), null));
        int done = 0;
        for (int r = 0; r < repeat; r++) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                if (runOf.get(i) == r) {
                    mine.add(i);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            List<TurnRequest> batch = mine.stream().map(requests::get).toList();
            int before = done;
            List<Verdict> got = classifier.classify(batch, n -> answered.accept(before + n));
            if (got == null || got.size() != batch.size()) {
                throw new IllegalStateException("classifier '" + classifier.id() + "' answered " + (got == null ? 0 : got.size())
                        + " verdicts for " + batch.size() + " turns");
            }
            for (int j = 0; j < mine.size(); j++) {
                verdicts.set(mine.get(j), got.get(j));
            }
            done += batch.size();
        }
        return verdicts;
    }
}
