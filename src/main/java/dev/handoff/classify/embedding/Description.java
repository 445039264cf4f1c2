package dev.handoff.classify.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A criterion's description split into what it covers and what it rules out. Descriptions often
 * end with an exclusion ("Questions about the return policy alone are not refund requests."):
 * embedded with the rest, such a sentence would teach the probe to fire on exactly what it excludes.
 *
 * @param includes the sentences that say when the criterion fires, joined
 * @param excludes the sentences that rule something out, and the phrases quoted in them
 */
record Description(String includes, List<String> excludes) {

    private static final Pattern EXCLUSION = Pattern.compile(
            "\\b(is|are|does|do) not\\b|\\b(isn't|aren't|doesn't|don't)\\b|\\bnot enough\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\p{Lu})");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|\u201c([^\u201d]+)\u201d");

    static Description split(String description) {
        if (description == null || description.isBlank()) {
            return new Description("", List.of());
        }
        StringBuilder includes = new StringBuilder();
        List<String> excludes = new ArrayList<>();
        // not BreakIterator: it ends a sentence inside a quoted example ("ok?") is not enough
        for (String part : SENTENCE_END.split(description.strip())) {
            String sentence = part.strip();
            if (sentence.isEmpty()) {
                continue;
            }
            if (EXCLUSION.matcher(sentence).find()) {
                excludes.add(sentence);
                Matcher q = QUOTED.matcher(sentence);
                while (q.find()) {
                    excludes.add(q.group(1) != null ? q.group(1) : q.group(2));
                }
            } else {
                includes.append(includes.isEmpty() ? "" : " ").append(sentence);
            }
        }
        return new Description(includes.toString(), List.copyOf(excludes));
    }
}
