package dev.handoff.classify.keywords;

import dev.handoff.classify.TurnRequest;
import dev.handoff.config.FailedAttempts;
import dev.handoff.transcript.Message;
import dev.handoff.transcript.Transcript;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts failed attempts across the turns of a conversation and fires at the user turn where the
 * count reaches the configured number. User turn j failed when the bot's reply to it (the
 * assistant messages before user turn j+1) contains one of its fallback phrases, or when user
 * turn j+1 repeats user turn j. At user turn k only turns 1..k-1 can have failed: whether the
 * reply to turn k fails is not known until the bot answers it, so the earliest a handoff can
 * happen is the user message that follows the Nth failure.
 *
 * <p>A repeat is a near-duplicate: after normalising (case, accents, punctuation), the same
 * words, or at least 3 words with 75% of the words of both messages in common. "yes" after
 * "yes" answers two questions; it is not a repeat.
 */
public final class FailedAttemptsRule {

    static final double SAME_WORDS = 0.75;
    static final int MIN_WORDS = 3;

    private final FailedAttempts rule;
    private final KeywordMatcher fallbacks;

    public FailedAttemptsRule(FailedAttempts rule) {
        this.rule = rule;
        this.fallbacks = new KeywordMatcher(rule.fallbackPhrases().stream().map(FailedAttemptsRule::apostrophes).toList());
    }

    public boolean fires(TurnRequest turn) {
        Transcript t = turn.transcript();
        int failed = 0;
        // stops at the Nth failure: replay asks every turn, so long conversations would pay k^2 comparisons
        for (int j = 1; j < turn.userTurn() && failed < rule.after(); j++) {
            if (failed(t, j)) {
                failed++;
            }
        }
        return failed >= rule.after();
    }

    /** The number of user turns before turn {@code k} that failed. */
    public int failedBefore(Transcript t, int k) {
        int failed = 0;
        for (int j = 1; j < k; j++) {
            if (failed(t, j)) {
                failed++;
            }
        }
        return failed;
    }

    private boolean failed(Transcript t, int j) {
        int from = t.indexOfUserTurn(j);
        int to = t.indexOfUserTurn(j + 1);
        if (rule.countFallbacks()) {
            for (int i = from + 1; i < to; i++) {
                Message m = t.messages().get(i);
                if (m.role() == Message.Role.ASSISTANT && m.text() != null && fallbacks.matches(apostrophes(m.text()))) {
                    return true;
                }
            }
        }
        return rule.countRepeats() && repeats(t.messages().get(to).textOrEmpty(), t.messages().get(from).textOrEmpty());
    }

    /** True when {@code later} says again what {@code earlier} said. */
    static boolean repeats(String later, String earlier) {
        List<String> a = words(later);
        List<String> b = words(earlier);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return a.size() >= 2;
        }
        if (a.size() < MIN_WORDS || b.size() < MIN_WORDS) {
            return false;
        }
        Set<String> sa = new HashSet<>(a);
        Set<String> sb = new HashSet<>(b);
        Set<String> common = new HashSet<>(sa);
        common.retainAll(sb);
        Set<String> union = new HashSet<>(sa);
        union.addAll(sb);
        return (double) common.size() / union.size() >= SAME_WORDS;
    }

    private static List<String> words(String text) {
        String n = TextNormalizer.normalize(apostrophes(text)).replaceAll("[^\\p{L}\\p{N}' ]+", " ").strip();
        return n.isEmpty() ? List.of() : Arrays.asList(n.split(" +"));
    }

    /** Typographic apostrophes as plain ones, so "didn’t" matches "didn't". */
    private static String apostrophes(String s) {
        return s.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02bc', '\'');
    }
}
