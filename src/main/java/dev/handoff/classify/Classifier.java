package dev.handoff.classify;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Decides, per user turn, which criteria of one configuration fire. An instance is bound to a
 * configuration and its evaluation settings when it is created ({@link ClassifierFactory}).
 *
 * <p>Deterministic rules (keywords, media messages, working hours) are applied by replay
 * whatever the classifier; a classifier only answers for the criteria it is asked about.
 */
public interface Classifier extends AutoCloseable {

    /** "keywords", "embedding", "ollama", "openai". */
    String id();

    /**
     * What the report records about this classifier: model name, digest, thresholds; for a paid
     * API also the requests and tokens the run used (a rerun from the cache reports none). No secrets.
     */
    Map<String, String> describe();

    /**
     * Counters of the run so far (cache hits, requests sent, retries), for one line on stderr.
     * Never part of a report: reports and baselines must be the same for the same inputs.
     */
    default Map<String, String> statistics() {
        return Map.of();
    }

    /**
     * Classifies a batch of turns, possibly from many transcripts; the verdicts come back in the
     * same order. Implementations batch or run requests concurrently as suits them.
     */
    List<Verdict> classify(List<TurnRequest> turns);

    /**
     * As {@link #classify(List)}, telling {@code answered} how many turns of this batch have an
     * answer so far while it works (on the calling thread), so that a batch that takes minutes, as
     * a model server's does, shows progress. By default once, at the end.
     */
    default List<Verdict> classify(List<TurnRequest> turns, IntConsumer answered) {
        List<Verdict> verdicts = classify(turns);
        answered.accept(turns.size());
        return verdicts;
    }

    @Override
    default void close() {
    }
}
