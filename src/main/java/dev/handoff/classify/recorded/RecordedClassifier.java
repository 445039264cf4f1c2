package dev.handoff.classify.recorded;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.classify.llm.ConversationPrompt;
import dev.handoff.config.HandoffConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code --classifier recorded}: answers each turn with the verdict an LLM gave to exactly the
 * same question (the same messages), read from the verdict files. No network. A turn with no
 * verdict is {@link Verdict.Unrecorded}, never guessed.
 */
final class RecordedClassifier implements Classifier {

    private final ConversationPrompt prompt;
    private final Verdicts verdicts;
    private final List<String> files;
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();

    /** @param config the classifier's view of the configuration (the criteria an LLM is asked about) */
    RecordedClassifier(HandoffConfig config, Verdicts verdicts, List<String> files) {
        this.prompt = ConversationPrompt.of(config);
        this.verdicts = verdicts;
        this.files = List.copyOf(files);
    }

    @Override
    public String id() {
        return RecordedClassifierFactory.ID;
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("verdict files", files.isEmpty() ? "(none)" : String.join(", ", files));
        d.put("verdicts", Integer.toString(verdicts.size()));
        d.put("recorded by", verdicts.models().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .reduce((a, b) -> a + ", " + b).orElse("(nobody yet)"));
        d.put("prompt", ConversationPrompt.VERSION + ", " + prompt.criterionNames().size() + " criteria");
        return d;
    }

    @Override
    public Map<String, String> statistics() {
        // in this order on every run: Map.of's order changed from one JVM to the next, and so did the stderr summary
        Map<String, String> st = new LinkedHashMap<>();
        st.put("recorded", Long.toString(found.get()));
        st.put("no recorded verdict", Long.toString(missing.get()));
        return st;
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> turns) {
        List<Verdict> out = new ArrayList<>(turns.size());
        for (TurnRequest t : turns) {
            if (prompt.criterionNames().isEmpty()) {
                out.add(Verdict.Decision.none());
                continue;
            }
            String key = prompt.messages(t).key();
            RecordedVerdict v = verdicts.get(key);
            if (v == null) {
                missing.incrementAndGet();
                out.add(new Verdict.Unrecorded(key));
            } else {
                found.incrementAndGet();
                out.add(v.verdict());
            }
        }
        return out;
    }
}
