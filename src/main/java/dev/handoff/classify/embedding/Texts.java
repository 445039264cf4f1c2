package dev.handoff.classify.embedding;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The form of a message that is embedded and used as the cache key. */
final class Texts {

    /** Long messages cost the model several passes; the part that says why someone writes is near the start. */
    static final int MAX_CHARS = 1_000;

    /** Beyond this many sentences the rest of a message is scored as one piece. */
    static final int MAX_PIECES = 8;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern WORDLESS = Pattern.compile("[^\\p{L}\\p{N}]*");

    /** What a message is scored by: the whole message, its sentences, or both. */
    enum Units {
        MESSAGE, SENTENCES, BOTH;

        static Units parse(String s) {
            return switch (s) {
                case "message" -> MESSAGE;
                case "sentences" -> SENTENCES;
                case "both" -> BOTH;
                default -> null;
            };
        }
    }

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

    /**
     * The normalized texts a message is scored by, without duplicates; empty for a message without
     * words. A request for a person is often one sentence of several ("There is no card. Put me
     * through to somebody."), and one embedding of the whole message blurs it.
     */
    static List<String> pieces(String text, Units units) {
        String whole = normalize(text);
        if (whole.isEmpty() || WORDLESS.matcher(whole).matches()) {
            return List.of();
        }
        if (units == Units.MESSAGE) {
            return List.of(whole);
        }
        List<String> sentences = sentences(text);
        if (sentences.size() < 2) {
            return List.of(whole);
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (units == Units.BOTH) {
            out.add(whole);
        }
        for (String s : sentences) {
            String n = normalize(s);
            if (!n.isEmpty() && !WORDLESS.matcher(n).matches()) {
                out.add(n);
            }
        }
        return out.isEmpty() ? List.of(whole) : List.copyOf(out);
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(line);
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String s = line.substring(start, end).strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (out.size() == MAX_PIECES - 1) {
                    out.add(line.substring(start).strip());
                    return out;
                }
                out.add(s);
            }
        }
        return out;
    }
}
