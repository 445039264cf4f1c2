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
        return failedBefore(turn.transcript(), turn.userTurn()) >= rule.after();
    }

    /** The number of user turns before turn {@code k} that failed. */
    public int failedBefore(Transcript t, int k) {
        Memo memo = memos.get();
        if (memo.transcript != t) {
            memo.reset(t);
        }
        return memo.failedBefore(k);
    }

    /**
     * Replay asks every turn of a conversation in order, and the answer at turn k counts the
     * failures of turns 1..k-1: without this, a 4,000-turn conversation took a minute (every turn
     * scanned the history again), 20,000 turns never finished. The turns already judged are kept
     * for the conversation this thread last looked at.
     */
    private final ThreadLocal<Memo> memos = ThreadLocal.withInitial(Memo::new);

    private final class Memo {
        private Transcript transcript;
        /** Message index of user turn j at [j - 1]. */
        private int[] userIndex = new int[0];
        /** failed[j] = how many of the user turns 1..j failed; known for j <= judged. */
        private int[] failed = new int[1];
        private int judged;

        void reset(Transcript t) {
            transcript = t;
            List<Message> messages = t.messages();
            int[] index = new int[messages.size()];
            int n = 0;
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i).role() == Message.Role.USER) {
                    index[n++] = i;
                }
            }
            userIndex = Arrays.copyOf(index, n);
            failed = new int[n + 1];
            judged = 0;
        }

        int failedBefore(int k) {
            int upTo = Math.min(k - 1, userIndex.length - 1); // turn j is judged by turn j + 1
            while (judged < upTo) {
                judged++;
                failed[judged] = failed[judged - 1] + (failed(transcript, userIndex[judged - 1], userIndex[judged]) ? 1 : 0);
            }
            return failed[Math.max(0, Math.min(k - 1, judged))];
        }
    }

    /** Whether the user turn at message {@code from} failed, the next user turn being at {@code to}. */
    private boolean failed(Transcript t, int from, int to) {
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
