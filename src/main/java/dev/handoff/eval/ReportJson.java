package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.handoff.config.EvaluationSettings.GateLimits;
import dev.handoff.config.yaml.Yaml;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The JSON report (schema version 1; docs/replay.md, "JSON report"). Deterministic: the same
 * inputs give the same bytes (no clock, no durations), so a committed baseline only changes
 * when results do. The per-transcript list comes last and is streamed from the spool.
 */
public final class ReportJson {

    public static final int SCHEMA_VERSION = 1;

    private ReportJson() {
    }

    public static void write(Writer out, Summary s, Gate gate, Gate.Result result, OutcomeSpool spool) throws IOException {
        try (JsonGenerator g = Yaml.json().getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            writeContext(g, s.context());
            writeTotals(g, s);
            writeCriteria(g, s, gate);
            writeTiming(g, s);
            writeRouting(g, s);
            writeHours(g, s);
            g.writeObjectFieldStart("unlabelled");
            g.writeNumberField("transcripts", s.unlabelled());
            g.writeNumberField("handoffs", s.unlabelledHandoffs());
            writeCounts(g, "by_criterion", s.unlabelledByCriterion());
            g.writeEndObject();
            writeCountedExamples(g, "invalid", s.invalidCount(), s.invalidExamples());
            if (s.recordedReplay()) {
                g.writeObjectFieldStart("no_recorded_verdict");
                g.writeNumberField("count", s.unrecordedCount());
                g.writeStringField("record_command", s.recordCommand());
                writeExamples(g, "examples", s.unrecordedExamples());
                g.writeEndObject();
            }
            writeCountedExamples(g, "bad_transcripts", s.badCount(), s.badExamples());
            g.writeObjectFieldStart("unstable");
            g.writeNumberField("count", s.unstableCount());
            writeExamples(g, "examples", s.unstableExamples());
            g.writeEndObject();
            g.writeObjectFieldStart("unknown_labels");
            writeCounts(g, "criteria", s.unknownCriteria());
            writeCounts(g, "routes", s.unknownRoutes());
            g.writeEndObject();
            OutcomeJson.writeStrings(g, "skipped_files", s.skippedFiles());
            // every warning the other reports show: a CI step reading -o json missed the labels the configuration cannot score
            OutcomeJson.writeStrings(g, "warnings", ReportWarnings.of(s));
            writeSweep(g, s.sweep());
            GateJson.writeGate(g, result);
            g.writeArrayFieldStart("transcripts");
            if (spool != null) {
                spool.forEachNode(n -> {
                    try {
                        g.writeTree(n);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeContext(JsonGenerator g, ReportContext c) throws IOException {
        g.writeObjectFieldStart("config");
        g.writeStringField("file", c.configFile());
        g.writeStringField("hash", c.configHash());
        g.writeStringField("provider", c.provider());
        g.writeBooleanField("handoff_active", c.handoffActive());
        if (c.settingsFile() == null) {
            g.writeNullField("evaluation_settings");
        } else {
            g.writeObjectFieldStart("evaluation_settings");
            g.writeStringField("file", c.settingsFile());
            g.writeStringField("hash", c.settingsHash());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("criteria");
        for (var cr : c.criteria()) {
            g.writeStartObject();
            g.writeStringField("name", cr.name());
            g.writeStringField("kind", cr.kind());
            g.writeBooleanField("active", cr.active());
            g.writeBooleanField("deterministic", cr.deterministic());
            writeLimits(g, "limits", cr.limits());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("routing_profiles");
        for (var p : c.routingProfiles()) {
            g.writeStartObject();
            g.writeStringField("name", p.name());
            g.writeBooleanField("active", p.active());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("working_hours");
        g.writeBooleanField("active", c.workingHoursActive());
        g.writeStringField("time_zone", c.workingHoursZone());
        g.writeEndObject();
        g.writeEndObject();

        g.writeObjectFieldStart("classifier");
        g.writeStringField("id", c.classifierId());
        g.writeObjectFieldStart("describe");
        for (var e : c.classifierDescribe().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();

        var r = c.run();
        g.writeObjectFieldStart("run");
        OutcomeJson.writeStrings(g, "inputs", r.inputs());
        g.writeBooleanField("all_turns", r.allTurns());
        g.writeNumberField("repeat", r.repeat());
        g.writeStringField("shard", r.shard());
        if (r.inputDigest() != null) {
            g.writeStringField("input_digest", r.inputDigest());
        }
        g.writeBooleanField("keep_going", r.keepGoing());
        OutcomeJson.writeStrings(g, "merged_from", r.mergedFrom());
        g.writeEndObject();
    }

    private static void writeTotals(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("transcripts", s.transcripts());
        g.writeNumberField("scored", s.scored());
        g.writeNumberField("unlabelled", s.unlabelled());
        g.writeNumberField("invalid", s.invalidCount());
        if (s.recordedReplay()) {
            g.writeNumberField("no_recorded_verdict", s.unrecordedCount());
        }
        g.writeNumberField("bad", s.badCount());
        g.writeNumberField("handoffs", s.handoffs());
        g.writeNumberField("unstable", s.unstableCount());
        g.writeNumberField("skipped_files", s.skippedFiles().size());
        g.writeEndObject();
    }

    private static void writeCriteria(JsonGenerator g, Summary s, Gate gate) throws IOException {
        g.writeArrayFieldStart("criteria");
        for (CriterionStats c : s.shownCriteria()) {
            g.writeStartObject();
            g.writeStringField("name", c.name());
            g.writeStringField("kind", c.info().kind());
            g.writeBooleanField("active", c.info().active());
            g.writeBooleanField("deterministic", c.info().deterministic());
            g.writeNumberField("tp", c.tp());
            g.writeNumberField("fp", c.fp());
            g.writeNumberField("fn", c.fn());
            g.writeNumberField("tn", c.tn(s.scored()));
            writeRate(g, "precision", c.precision(), c.precisionInterval());
            writeRate(g, "recall", c.recall(), c.recallInterval());
            writeRate(g, "fp_rate", c.fpRate(s.scored()), c.fpRateInterval(s.scored()));
            g.writeNumberField("unlabelled_fired", c.unlabelledFired());
            writeLimits(g, "limits", gate == null ? c.info().limits() : gate.limits(c.info()));
            writeExamples(g, "false_positives", c.falsePositives());
            writeExamples(g, "false_negatives", c.falseNegatives());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeRate(JsonGenerator g, String name, Double value, Wilson ci) throws IOException {
        writeDouble(g, name, value);
        if (ci == null) {
            g.writeNullField(name + "_ci95");
        } else {
            g.writeArrayFieldStart(name + "_ci95");
            g.writeNumber(round(ci.low()));
            g.writeNumber(round(ci.high()));
            g.writeEndArray();
        }
    }

    private static void writeTiming(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("timing");
        for (Timing t : Timing.values()) {
            g.writeNumberField(t.id(), s.timing(t));
        }
        g.writeObjectFieldStart("examples");
        for (Timing t : List.of(Timing.PREMATURE, Timing.LATE, Timing.MISSED, Timing.UNWANTED)) {
            writeExamples(g, t.id(), s.timingExamples(t));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeRouting(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("routing");
        g.writeBooleanField("active", s.context().routingActive());
        OutcomeJson.writeStrings(g, "labels", s.context().routingActive() ? s.routingLabels() : List.of());
        g.writeArrayFieldStart("matrix");
        for (var row : s.routing().entrySet()) {
            g.writeStartObject();
            g.writeStringField("expected", row.getKey());
            writeCounts(g, "predicted", row.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("handoffs", s.routed());
        g.writeNumberField("with_expected_route", s.routedWithExpectation());
        g.writeNumberField("correct", s.routedCorrectly());
        g.writeEndObject();
    }

    private static void writeHours(JsonGenerator g, Summary s) throws IOException {
        g.writeObjectFieldStart("working_hours");
        g.writeBooleanField("active", s.context().workingHoursActive());
        for (Hours h : Hours.values()) {
            g.writeNumberField(h.id(), s.hours(h));
        }
        if (s.context().workingHoursActive()) {
            long[] day = s.outsideByWeekday();
            g.writeObjectFieldStart("outside_by_weekday");
            for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
                g.writeNumberField(d.name().toLowerCase(java.util.Locale.ROOT), day[d.getValue() - 1]);
            }
            g.writeEndObject();
            long[] hour = s.outsideByHour();
            g.writeObjectFieldStart("outside_by_hour");
            for (int h = 0; h < 24; h++) {
                g.writeNumberField(String.format(java.util.Locale.ROOT, "%02d", h), hour[h]);
            }
            g.writeEndObject();
        }
        writeExamples(g, "outside_examples", s.outsideHoursExamples());
        g.writeEndObject();
    }

    private static void writeSweep(JsonGenerator g, Sweep sweep) throws IOException {
        if (sweep == null) {
            g.writeNullField("sweep");
            return;
        }
        g.writeObjectFieldStart("sweep");
        g.writeNumberField("target_fp_rate", sweep.targetFpRate());
        g.writeNumberField("steps", Sweep.STEPS);
        g.writeArrayFieldStart("criteria");
        for (String c : sweep.criteria()) {
            g.writeStartObject();
            g.writeStringField("name", c);
            g.writeBooleanField("has_scores", sweep.hasScores(c));
            writeDouble(g, "configured_threshold", sweep.configuredThreshold(c));
            Sweep.Row best = sweep.suggest(c);
            if (best == null) {
                g.writeNullField("suggested");
            } else {
                g.writeFieldName("suggested");
                writeSweepRow(g, best);
            }
            g.writeArrayFieldStart("thresholds");
            for (int i = 0; i <= Sweep.STEPS; i++) {
                writeSweepRow(g, sweep.row(c, i));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeSweepRow(JsonGenerator g, Sweep.Row r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("threshold", round(r.threshold()));
        g.writeNumberField("tp", r.tp());
        g.writeNumberField("fp", r.fp());
        g.writeNumberField("fn", r.fn());
        g.writeNumberField("tn", r.tn());
        writeDouble(g, "precision", r.precision());
        writeDouble(g, "recall", r.recall());
        writeDouble(g, "fp_rate", r.fpRate());
        g.writeEndObject();
    }

    private static void writeCountedExamples(JsonGenerator g, String field, long count, List<Example> examples) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("count", count);
        writeExamples(g, "examples", examples);
        g.writeEndObject();
    }

    static void writeExamples(JsonGenerator g, String field, List<Example> examples) throws IOException {
        g.writeArrayFieldStart(field);
        for (Example e : examples) {
            g.writeStartObject();
            g.writeNumberField("ordinal", e.ordinal());
            g.writeStringField("id", e.id());
            OutcomeJson.writeInteger(g, "turn", e.turn());
            OutcomeJson.writeStrings(g, "fired", e.fired() == null ? List.of() : e.fired());
            g.writeStringField("text", e.text());
            if (e.note() != null) {
                g.writeStringField("note", e.note());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeCounts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeLimits(JsonGenerator g, String field, GateLimits l) throws IOException {
        g.writeObjectFieldStart(field);
        GateLimits limits = l == null ? GateLimits.NONE : l;
        writeDouble(g, "max_fp_rate", limits.maxFpRate());
        writeDouble(g, "min_recall", limits.minRecall());
        writeDouble(g, "min_precision", limits.minPrecision());
        g.writeEndObject();
    }

    private static void writeDouble(JsonGenerator g, String field, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, round(v));
        }
    }

    /** Six decimals: enough for any rate, and stable text across platforms. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
