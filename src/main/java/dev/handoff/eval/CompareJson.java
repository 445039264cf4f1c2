package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;
import java.io.Writer;

/** {@code replay --compare -o json}: both sides, the deltas, the changed transcripts and the gate. */
public final class CompareJson {

    public static final int SCHEMA_VERSION = 1;

    private CompareJson() {
    }

    public static void write(Writer out, Comparison c, CompareGate.Result gate) throws IOException {
        try (JsonGenerator g = Yaml.json().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("report", "compare");
            g.writeStringField("classifier", c.current().context().classifierId());
            side(g, "base", c.base());
            side(g, "current", c.current());
            g.writeArrayFieldStart("criteria");
            for (Comparison.Row r : c.criteria()) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                figures(g, "base", r.base());
                figures(g, "current", r.current());
                if (r.current() == null) {
                    g.writeNullField("delta");
                } else {
                    // only in the current configuration: counted from 0 (what the gate checks), rates undefined
                    Comparison.Side base = r.base();
                    g.writeObjectFieldStart("delta");
                    g.writeNumberField("tp", r.current().tp() - (base == null ? 0 : base.tp()));
                    g.writeNumberField("fp", r.newFp());
                    g.writeNumberField("fn", r.newFn());
                    rate(g, "precision", base == null ? null : diff(base.precision(), r.current().precision()));
                    rate(g, "recall", base == null ? null : diff(base.recall(), r.current().recall()));
                    rate(g, "fp_rate", base == null ? null : diff(base.fpRate(), r.current().fpRate()));
                    g.writeEndObject();
                }
                g.writeStringField("only_in", r.onlyIn());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("changed");
            g.writeNumberField("count", c.changedTotal());
            g.writeNumberField("better", c.better());
            g.writeNumberField("worse", c.worse());
            g.writeNumberField("base_missed_handoffs", c.baseMissed());
            g.writeNumberField("missed_handoffs", c.currentMissed());
            g.writeArrayFieldStart("transcripts");
            for (Comparison.Change ch : c.changes()) {
                g.writeStartObject();
                g.writeStringField("id", ch.id());
                g.writeStringField("source", ch.source());
                g.writeStringField("direction", ch.direction().id());
                outcome(g, "base", ch.base());
                outcome(g, "current", ch.current());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            OutcomeJson.writeStrings(g, "warnings", c.warnings());
            g.writeObjectFieldStart("gate");
            g.writeBooleanField("passed", gate.passed());
            GateJson.writeFailures(g, gate.failures());
            OutcomeJson.writeStrings(g, "notes", gate.notes());
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void side(JsonGenerator g, String field, Summary s) throws IOException {
        ReportContext ctx = s.context();
        g.writeObjectFieldStart(field);
        g.writeStringField("config", ctx.configFile());
        g.writeStringField("hash", ctx.configHash());
        // the settings each side ran with: a base without its own uses the current side's
        g.writeStringField("evaluation_settings", ctx.settingsFile());
        g.writeNumberField("transcripts", s.transcripts());
        g.writeNumberField("scored", s.scored());
        g.writeNumberField("unlabelled", s.unlabelled());
        g.writeNumberField("invalid", s.invalidCount());
        if (s.recordedReplay()) {
            g.writeNumberField("no_recorded_verdict", s.unrecordedCount());
        }
        g.writeNumberField("handoffs", s.handoffs());
        g.writeEndObject();
    }

    private static void figures(JsonGenerator g, String field, Comparison.Side s) throws IOException {
        if (s == null) {
            g.writeNullField(field);
            return;
        }
        g.writeObjectFieldStart(field);
        g.writeNumberField("tp", s.tp());
        g.writeNumberField("fp", s.fp());
        g.writeNumberField("fn", s.fn());
        rate(g, "precision", s.precision());
        rate(g, "recall", s.recall());
        rate(g, "fp_rate", s.fpRate());
        g.writeEndObject();
    }

    private static void outcome(JsonGenerator g, String field, Comparison.Outcome o) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("status", o.status());
        if (o.turn() == null) {
            g.writeNullField("turn");
        } else {
            g.writeNumberField("turn", o.turn());
        }
        OutcomeJson.writeStrings(g, "fired", o.fired());
        g.writeStringField("route", o.route());
        OutcomeJson.writeStrings(g, "errors", o.errors());
        g.writeEndObject();
    }

    private static Double diff(Double b, Double c) {
        return b == null || c == null ? null : c - b;
    }

    private static void rate(JsonGenerator g, String field, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, Math.round(v * 1_000_000d) / 1_000_000d);
        }
    }
}
