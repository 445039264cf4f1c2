package dev.handoff.classify.keywords;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole-word or whole-phrase matching of configured keywords ({@code keywords} fires when
 * a user message contains one). Both sides are {@link TextNormalizer normalized}; a match must
 * not be preceded or followed by a letter or digit, so "agent" does not match "agents" and
 * "human" does not match "inhuman", while "live agent!" matches "live agent".
 */
public final class KeywordMatcher {

    private final List<String> keywords;
    private final List<String> normalized;

    public KeywordMatcher(List<String> keywords) {
        List<String> kept = new ArrayList<>();
        List<String> norm = new ArrayList<>();
        for (String k : keywords) {
            String n = TextNormalizer.normalize(k);
            if (!n.isEmpty()) {
                kept.add(k);
                norm.add(n);
            }
        }
        this.keywords = List.copyOf(kept);
        this.normalized = List.copyOf(norm);
    }

    public boolean isEmpty() {
        return keywords.isEmpty();
    }

    /** The first configured keyword (as written in the configuration) found in the text, or null. */
    public String firstMatch(String text) {
        String t = TextNormalizer.normalize(text);
        for (int i = 0; i < normalized.size(); i++) {
            if (containsWhole(t, normalized.get(i))) {
                return keywords.get(i);
            }
        }
        return null;
    }

    public boolean matches(String text) {
        return firstMatch(text) != null;
    }

    /** Whether {@code phrase} occurs in {@code text} as a whole word or phrase; both already normalized. */
    public static boolean containsWhole(String text, String phrase) {
        int from = 0;
        while (true) {
            int at = text.indexOf(phrase, from);
            if (at < 0) {
                return false;
            }
            int end = at + phrase.length();
            boolean startOk = at == 0 || !isWordChar(text.codePointBefore(at)) || !isWordChar(phrase.codePointAt(0));
            boolean endOk = end == text.length() || !isWordChar(text.codePointAt(end))
                    || !isWordChar(phrase.codePointBefore(phrase.length()));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }
}
