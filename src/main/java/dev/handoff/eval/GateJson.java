package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/** The gate's part of the JSON reports: its verdict, failures and the baseline's flips (replay and compare reports). */
final class GateJson {

    private GateJson() {
    }

    static void writeGate(JsonGenerator g, Gate.Result r) throws IOException {
        if (r == null) {
            g.writeNullField("gate");
            return;
        }
        g.writeObjectFieldStart("gate");
        g.writeBooleanField("passed", r.passed());
        if (r.maxInvalid() == null) {
            g.writeNullField("max_invalid");
        } else {
            g.writeNumberField("max_invalid", r.maxInvalid());
        }
        writeFailures(g, r.failures());
        OutcomeJson.writeStrings(g, "notes", r.notes());
        BaselineComparison b = r.baseline();
        if (b == null) {
            g.writeNullField("baseline");
        } else {
            g.writeObjectFieldStart("baseline");
            g.writeStringField("file", b.file());
            g.writeArrayFieldStart("criteria");
            for (var d : b.criteria()) {
                g.writeStartObject();
                g.writeStringField("name", d.criterion());
                g.writeNumberField("baseline_fp", d.baselineFp());
                g.writeNumberField("fp", d.currentFp());
                g.writeNumberField("baseline_fn", d.baselineFn());
                g.writeNumberField("fn", d.currentFn());
                g.writeNumberField("baseline_fp_compared", d.comparedBaselineFp());
                g.writeNumberField("baseline_fn_compared", d.comparedBaselineFn());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("new_errors", b.newErrorCount());
            writeFlips(g, "new_error_examples", b.newErrors());
            g.writeNumberField("fixed", b.fixedCount());
            writeFlips(g, "fixed_examples", b.fixed());
            g.writeNumberField("errors_on_added_transcripts", b.addedErrors());
            g.writeNumberField("added_transcripts", b.added());
            g.writeNumberField("missing_transcripts", b.missing());
            OutcomeJson.writeStrings(g, "warnings", b.warnings());
            g.writeNumberField("not_compared", b.notComparedCount());
            g.writeArrayFieldStart("not_compared_examples");
            for (var n : b.notCompared()) {
                g.writeStartObject();
                g.writeStringField("id", n.id());
                g.writeStringField("criterion", n.criterion());
                g.writeStringField("label", n.label().name());
                g.writeStringField("reason", n.why());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("missing_criteria");
            for (var m : b.missingCriteria()) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeNumberField("tp", m.tp());
                g.writeNumberField("fp", m.fp());
                g.writeNumberField("fn", m.fn());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("baseline_missed_handoffs", b.baselineMissed());
            g.writeNumberField("missed_handoffs", b.currentMissed());
            g.writeNumberField("baseline_missed_handoffs_compared", b.comparedBaselineMissed());
            g.writeNumberField("other_shard_transcripts", b.otherShard());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The gate's failures, as replay and compare reports both give them. */
    static void writeFailures(JsonGenerator g, List<Gate.Failure> failures) throws IOException {
        g.writeArrayFieldStart("failures");
        for (Gate.Failure f : failures) {
            g.writeStartObject();
            g.writeStringField("criterion", f.criterion());
            g.writeStringField("check", f.check());
            g.writeNumberField("limit", ReportJson.round(f.limit()));
            g.writeNumberField("actual", ReportJson.round(f.actual()));
            g.writeStringField("message", f.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeFlips(JsonGenerator g, String field, List<Flip> flips) throws IOException {
        g.writeArrayFieldStart(field);
        for (Flip f : flips) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("criterion", f.criterion());
            g.writeStringField("label", f.label().name());
            OutcomeJson.writeInteger(g, "turn", f.turn());
            g.writeStringField("text", f.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
