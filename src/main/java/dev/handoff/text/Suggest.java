package dev.handoff.text;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" by edit distance, for unknown keys, names and time zones. */
public final class Suggest {

    private Suggest() {
    }

    /** The closest candidate that is plausibly a typo of {@code word}, or null. */
    public static String closest(String word, Collection<String> candidates) {
        String bestCandidate = null;
        int best = Integer.MAX_VALUE;
        String folded = fold(word);
        for (String candidate : candidates) {
            if (fold(candidate).equals(folded)) {
                return candidate;
            }
            int d = EditDistance.between(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                bestCandidate = candidate;
            }
        }
        int allowed = Math.max(2, word.length() / 3);
        return best <= allowed ? bestCandidate : null;
    }

    /** " (did you mean 'x'?)"-style hint text, or null when nothing is close. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? null : "did you mean '" + c + "'?";
    }

    /** "; did you mean 'x'?" to append to a message, or "" when nothing is close. */
    public static String appended(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    /** Case, '_', '-' and ' ' do not count: isActive, is-active and is_active are the same word. */
    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[_\\- ]", "");
    }
}
