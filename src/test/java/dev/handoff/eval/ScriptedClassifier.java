package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.classify.Classifier;
import dev.handoff.classify.TurnRequest;
import dev.handoff.classify.Verdict;
import dev.handoff.config.HandoffConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classifier whose answers are written in each transcript: {@code meta.script."<turn>"} is
 * {@code {fired: [...], route: X, scores: {c: 0.7}}} or {@code {invalid: "reason"}}; a turn
 * without an entry fires nothing. A fired name {@code "a|b"} fires the first of a and b that the
 * configuration has (one script for two configurations that name a criterion differently).
 * Records what it was asked, for assertions.
 */
public final class ScriptedClassifier implements Classifier {

    public final HandoffConfig config;
    public final List<List<String>> batches = new ArrayList<>();
    public boolean closed;

    public ScriptedClassifier(HandoffConfig config) {
        this.config = config;
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("script", "meta.script of each transcript");
    }

    @Override
    public List<Verdict> classify(List<TurnRequest> turns) {
        List<Verdict> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (TurnRequest t : turns) {
            batch.add(t.transcript().id() + "#" + t.userTurn());
            JsonNode s = t.transcript().meta().path("script").path(Integer.toString(t.userTurn()));
            if (s.has("invalid")) {
                out.add(new Verdict.Invalid(s.get("invalid").asText(), "{}"));
                continue;
            }
            Set<String> fired = new LinkedHashSet<>();
            s.path("fired").forEach(f -> fired.add(oneOf(f.asText())));
            Map<String, Double> scores = new LinkedHashMap<>();
            s.path("scores").properties().forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
            out.add(new Verdict.Decision(fired, s.hasNonNull("route") ? s.get("route").asText() : null, "", scores));
        }
        batches.add(batch);
        return out;
    }

    private String oneOf(String names) {
        for (String n : names.split("\\|")) {
            if (config.criteria().stream().anyMatch(c -> c.name().equals(n))) {
                return n;
            }
        }
        return names;
    }

    @Override
    public void close() {
        closed = true;
    }
}
