package dev.handoff.classify.recorded;

import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.llm.ConversationPrompt;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The verdicts of one file, by key, in key order (the order they are written in). Immutable. */
public final class Verdicts {

    private static final Verdicts EMPTY = new Verdicts(new TreeMap<>());

    private final TreeMap<String, RecordedVerdict> byKey;
    private final Set<String> prompts;

    private Verdicts(TreeMap<String, RecordedVerdict> byKey) {
        this.byKey = byKey;
        this.prompts = byKey.values().stream().map(RecordedVerdict::prompt).collect(Collectors.toCollection(HashSet::new));
    }

    public static Verdicts empty() {
        return EMPTY;
    }

    public static Verdicts of(Collection<RecordedVerdict> verdicts) {
        TreeMap<String, RecordedVerdict> m = new TreeMap<>();
        verdicts.forEach(v -> m.put(v.key(), v));
        return new Verdicts(m);
    }

    /** The verdict recorded for exactly this question, or null. */
    public RecordedVerdict get(String key) {
        return byKey.get(key);
    }

    /**
     * The verdict recorded for a turn asked with a prompt, or null. To read a file against
     * transcripts: {@code ConversationPrompt.of(ReplayEngine.classifierView(config))}.
     */
    public RecordedVerdict forTurn(ConversationPrompt prompt, TurnRequest turn) {
        return byKey.get(prompt.messages(turn).key());
    }

    /** True when some verdict was recorded with this system message ({@link RecordedVerdict#prompt()}). */
    public boolean hasPrompt(String prompt) {
        return prompts.contains(prompt);
    }

    public int size() {
        return byKey.size();
    }

    /** Every verdict, in key order. */
    public Collection<RecordedVerdict> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    /**
     * These verdicts with {@code fresh} ones laid over them. A fresh verdict that says what the
     * recorded one says keeps the recorded line as it is (date included), so re-recording an
     * unchanged answer changes no byte.
     */
    public Verdicts with(Collection<RecordedVerdict> fresh) {
        TreeMap<String, RecordedVerdict> m = new TreeMap<>(byKey);
        for (RecordedVerdict v : fresh) {
            RecordedVerdict old = m.get(v.key());
            if (old == null || !old.sameAnswer(v)) {
                m.put(v.key(), v);
            }
        }
        return new Verdicts(m);
    }

    /** Only the verdicts whose key is in {@code used}. */
    public Verdicts retain(Set<String> used) {
        TreeMap<String, RecordedVerdict> m = new TreeMap<>(byKey);
        m.keySet().retainAll(used);
        return new Verdicts(m);
    }

    /** The provider and model most verdicts come from ("ollama llama3.1:8b"), or null when empty. */
    public Map.Entry<String, String> mainModel() {
        Map<Map.Entry<String, String>, Long> counts = new HashMap<>();
        for (RecordedVerdict v : byKey.values()) {
            counts.merge(Map.entry(String.valueOf(v.provider()), String.valueOf(v.model())), 1L, Long::sum);
        }
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<Map.Entry<String, String>, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().getKey() + " " + e.getKey().getValue(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** How many verdicts each provider/model gave, for the report ("ollama llama3.1:8b" -> 120). */
    public Map<String, Long> models() {
        return byKey.values().stream().collect(Collectors.groupingBy(v -> v.provider() + " " + v.model(), TreeMap::new,
                Collectors.counting()));
    }
}
