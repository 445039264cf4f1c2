package dev.handoff.classify.embedding;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The form of a message that is embedded and used as the cache key. */
final class Texts {

    /** Long messages cost the model several passes; the part that says why someone writes is near the start. */
    static final int MAX_CHARS = 1_000;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Texts() {
    }

    /**
     * NFKC, lower case (the model's tokenizer is uncased anyway), whitespace collapsed, capped,
     * so that texts that embed the same share one cache entry.
     */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
    }
}
