package dev.handoff.classify.keywords;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form keywords and messages are compared in: NFKC (fullwidth "ＨＵＭＡＮ" becomes "HUMAN",
 * ligatures split), case folded, diacritics removed ("Agênt" becomes "agent"), runs of
 * whitespace collapsed to one space.
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("[\\s\\p{Z}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        // upper then lower folds more than lower alone: "ß" -> "SS" -> "ss", final sigma -> sigma
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        return SPACE.matcher(s).replaceAll(" ").strip();
    }
}
