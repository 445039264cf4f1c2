package dev.handoff.classify.keywords;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classifier that is only the deterministic rules: it answers "nothing" for every criterion
 * it is asked about, so with {@code --classifier keywords} only {@code keywords} and
 * {@code media_message} (which replay applies itself) can fire. Useful offline, in CI without a
 * model, and as the floor other classifiers must beat.
 */
public final class KeywordsClassifier implements Classifier {

    public static final String ID = "keywords";

    private final List<String> keywords;

    public KeywordsClassifier(List<String> keywords) {
        this.keywords = List.copyOf(keywords);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("rules", "keywords (whole word or phrase, Unicode-normalized), media_message");
        d.put("keywords", String.join(", ", keywords));
        return d;
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> turns) {
        return Collections.nCopies(turns.size(), Verdict.Decision.none());
    }
}
