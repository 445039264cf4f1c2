package dev.handoff.config.validate;

import dev.handoff.classify.keywords.KeywordMatcher;
import dev.handoff.classify.keywords.TextNormalizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keyword triggers hand a conversation off without asking a model, so a keyword that also
 * occurs in ordinary messages hands off ordinary conversations. These checks warn about the
 * usual ways that happens: a very common word, a keyword inside another keyword, a keyword that
 * occurs in everyday phrases ("agent" in "my real estate agent needs the invoice"), a very short
 * keyword. "Occurs" means as replay matches ({@link KeywordMatcher}): a whole word or phrase,
 * after {@link TextNormalizer} (case, accents and width folded), so every example a warning
 * names really would fire, and two keywords that differ only in accents are one.
 */
final class KeywordRules {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** The longer keywords a warning names; a generated list can have thousands that contain "agent". */
    private static final int MAX_NAMED = 10;
    private static final Set<String> COMMON_WORDS = load("common-words.txt");
    /** Each phrase as written (for the message) with its normalized form (for matching). */
    private static final Map<String, String> COMMON_PHRASES = normalized(load("common-phrases.txt"));

    private KeywordRules() {
    }

    private record Keyword(Cursor at, String text, String normalized) {
    }

    static void check(Checker c, Cursor keywords) {
        if (!keywords.node().isArray()) {
            return; // the quickchat contract or the caty trigger rules report a keywords value that is not a list
        }
        List<Keyword> list = new ArrayList<>();
        Map<String, Keyword> seen = new HashMap<>();
        for (int i = 0; i < keywords.node().size(); i++) {
            Cursor at = keywords.item(i, null);
            String text = Checker.text(at);
            if (text == null) {
                continue; // null or not a string: the quickchat contract or the caty trigger rules report it
            }
            String normalized = normalize(text);
            if (normalized.isEmpty()) {
                c.error(at, "an empty keyword", "remove the empty list item");
                continue;
            }
            Keyword previous = seen.putIfAbsent(normalized, new Keyword(at, text, normalized));
            if (previous != null) {
                c.warning(at, "repeats the keyword '" + previous.text() + "' (line " + c.locationOf(previous.at()).line() + ")",
                        "remove the repetition");
                continue;
            }
            list.add(seen.get(normalized));
        }
        List<List<Integer>> containers = ContainedTexts.containers(list.stream().map(Keyword::normalized).toList());
        for (int i = 0; i < list.size(); i++) {
            Keyword k = list.get(i);
            // found as text ("hi" in "this"); only a whole-word occurrence fires on what the other does
            checkOne(c, k, containers.get(i).stream().map(list::get)
                    .filter(other -> KeywordMatcher.containsWhole(other.normalized(), k.normalized())).toList());
        }
    }

    /** @param longer the other keywords that contain this one, in the list's order */
    private static void checkOne(Checker c, Keyword k, List<Keyword> longer) {
        String phrase = phraseContaining(k.normalized());
        String advice = "use a phrase only a request for a person contains, such as 'speak to a human'";
        if (COMMON_WORDS.contains(k.normalized())) {
            c.warning(k.at(), "'" + k.text() + "' is a very common word: it fires on ordinary messages"
                    + (phrase != null ? " such as '" + phrase + "'" : ""), advice);
        } else if (phrase != null) {
            c.warning(k.at(), "'" + k.text() + "' also occurs in ordinary messages such as '" + phrase + "'", advice);
        } else if (k.normalized().length() <= 3) {
            // matching is whole-word, so it does not fire inside other words; the risk is the word itself
            c.warning(k.at(), "'" + k.text() + "' is very short: it fires wherever it stands as a word, "
                    + "and a word this short seldom asks for a person", advice);
        }
        if (!longer.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (Keyword other : longer.subList(0, Math.min(longer.size(), MAX_NAMED))) {
                named.add("'" + other.text() + "' (line " + c.locationOf(other.at()).line() + ")");
            }
            if (longer.size() > MAX_NAMED) {
                named.add("and " + (longer.size() - MAX_NAMED) + " more");
            }
            c.warning(k.at(), "'" + k.text() + "' is part of the keyword" + (longer.size() > 1 ? "s " : " ")
                            + String.join(", ", named) + ", so it fires on everything they do and more",
                    "keep either the shorter keyword or the longer phrases, not both");
        }
    }

    /** How a keyword compares to text: the form replay matches in ({@link TextNormalizer}). */
    static String normalize(String s) {
        // ASCII has no accents or wide forms: skipping the normalizer spares loading its Unicode tables
        return s.chars().allMatch(ch -> ch < 0x80) ? SPACES.matcher(s.toLowerCase(Locale.ROOT).strip()).replaceAll(" ")
                : TextNormalizer.normalize(s);
    }

    private static Map<String, String> normalized(Set<String> phrases) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        phrases.forEach(p -> out.put(p, normalize(p)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The first common phrase the keyword would fire on, or null. */
    private static String phraseContaining(String keyword) {
        for (Map.Entry<String, String> phrase : COMMON_PHRASES.entrySet()) {
            if (KeywordMatcher.containsWhole(phrase.getValue(), keyword)) {
                return phrase.getKey();
            }
        }
        return null;
    }

    /** Loads the word lists ahead of use (see {@code ConfigValidator.warmUp}). */
    static void load() {
        // class initialisation does the work
    }

    private static Set<String> load(String resource) {
        Set<String> lines = new LinkedHashSet<>();
        try (InputStream in = KeywordRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableSet(lines);
    }
}
