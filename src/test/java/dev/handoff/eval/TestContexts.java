package dev.handoff.eval;

import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;

import java.util.List;
import java.util.Map;

/** Report contexts for engine-level tests. */
final class TestContexts {

    private TestContexts() {
    }

    static ReportContext of(HandoffConfig config, String classifier) {
        return new ReportContext("support.yaml", "sha256:test", config.provider().id(), config.handoffActive(), null, null,
                config.criteria().stream().map(c -> new ReportContext.CriterionInfo(c.name(), c.kind().name().toLowerCase(), c.active(),
                        c.deterministic(), EvaluationSettings.GateLimits.NONE)).toList(),
                config.routingProfiles().stream().map(p -> new ReportContext.ProfileInfo(p.name(), p.active())).toList(),
                config.workingHours().active(), config.workingHours().zone().getId(), classifier, Map.of(),
                new ReportContext.RunInfo(List.of("transcripts"), false, 1, null, false, List.of()));
    }
}
