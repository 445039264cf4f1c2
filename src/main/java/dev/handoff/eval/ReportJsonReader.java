package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.EvaluationSettings.GateLimits;
import dev.handoff.config.yaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads back the parts of a JSON report ({@link ReportJson}) that `report merge` needs: the header and example lists. */
final class ReportJsonReader {

    private ReportJsonReader() {
    }

    static ReportContext readContext(Map<String, JsonNode> header) {
        JsonNode config = header.getOrDefault("config", Yaml.json().createObjectNode());
        List<ReportContext.CriterionInfo> criteria = new ArrayList<>();
        config.path("criteria").forEach(c -> criteria.add(new ReportContext.CriterionInfo(c.path("name").asText(), c.path("kind").asText(),
                c.path("active").asBoolean(), c.path("deterministic").asBoolean(), readLimits(c.path("limits")))));
        List<ReportContext.ProfileInfo> profiles = new ArrayList<>();
        config.path("routing_profiles").forEach(p -> profiles.add(new ReportContext.ProfileInfo(p.path("name").asText(), p.path("active").asBoolean())));
        JsonNode settings = config.path("evaluation_settings");
        JsonNode classifier = header.getOrDefault("classifier", Yaml.json().createObjectNode());
        Map<String, String> describe = new LinkedHashMap<>();
        classifier.path("describe").properties().forEach(e -> describe.put(e.getKey(), e.getValue().asText()));
        JsonNode run = header.getOrDefault("run", Yaml.json().createObjectNode());
        return new ReportContext(OutcomeJson.text(config.path("file")), OutcomeJson.text(config.path("hash")),
                OutcomeJson.text(config.path("provider")), config.path("handoff_active").asBoolean(true),
                OutcomeJson.text(settings.path("file")), OutcomeJson.text(settings.path("hash")), List.copyOf(criteria), List.copyOf(profiles),
                config.path("working_hours").path("active").asBoolean(), OutcomeJson.text(config.path("working_hours").path("time_zone")),
                OutcomeJson.text(classifier.path("id")), describe,
                new ReportContext.RunInfo(OutcomeJson.strings(run.path("inputs")), run.path("all_turns").asBoolean(), run.path("repeat").asInt(1),
                        OutcomeJson.text(run.path("shard")), run.path("keep_going").asBoolean(), OutcomeJson.strings(run.path("merged_from")),
                        OutcomeJson.text(run.path("input_digest"))));
    }

    static GateLimits readLimits(JsonNode n) {
        return new GateLimits(number(n.path("max_fp_rate")), number(n.path("min_recall")), number(n.path("min_precision")));
    }

    static List<Example> readExamples(JsonNode n) {
        List<Example> out = new ArrayList<>();
        n.forEach(e -> out.add(new Example(e.path("ordinal").asLong(), OutcomeJson.text(e.path("id")), OutcomeJson.integer(e.path("turn")),
                OutcomeJson.strings(e.path("fired")), OutcomeJson.text(e.path("text")), OutcomeJson.text(e.path("note")))));
        return out;
    }

    private static Double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }
}
