package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.transcript.Expectation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A transcript outcome as an element of the JSON report's {@code transcripts} list, and back. */
final class OutcomeJson {

    private OutcomeJson() {
    }

    static void write(JsonGenerator g, TranscriptOutcome o) throws IOException {
        g.writeStartObject();
        g.writeNumberField("ordinal", o.ordinal());
        g.writeStringField("id", o.id());
        g.writeStringField("source", o.source());
        if (o.meta() != null && !o.meta().isEmpty()) {
            g.writeFieldName("meta");
            g.writeTree(o.meta());
        }
        g.writeStringField("status", o.status().id());
        g.writeFieldName("expect");
        writeExpect(g, o.expect());
        g.writeNumberField("user_turns", o.userTurns());
        writeInteger(g, "trigger_turn", o.triggerTurn());
        writeStrings(g, "fired", o.fired());
        g.writeStringField("route", o.route());
        g.writeStringField("text", o.triggerText());
        g.writeObjectFieldStart("labels");
        for (var e : o.labels().entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (Label l : e.getValue()) {
                g.writeString(l.name());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeStringField("timing", o.timing() == null ? null : o.timing().id());
        g.writeStringField("hours", o.hours() == null ? null : o.hours().id());
        if (o.triggerLocal() != null) {
            g.writeStringField("trigger_local_time", o.triggerLocal().toString());
        }
        if (o.invalid() == null) {
            g.writeNullField("invalid");
        } else {
            g.writeObjectFieldStart("invalid");
            g.writeNumberField("turn", o.invalid().turn());
            g.writeStringField("reason", o.invalid().reason());
            g.writeEndObject();
        }
        if (!o.turns().isEmpty()) {
            g.writeArrayFieldStart("turns");
            for (var t : o.turns()) {
                g.writeStartObject();
                g.writeNumberField("turn", t.turn());
                writeStrings(g, "fired", t.fired());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (!o.runs().isEmpty()) {
            g.writeArrayFieldStart("runs");
            for (var r : o.runs()) {
                g.writeStartObject();
                writeInteger(g, "trigger_turn", r.triggerTurn());
                writeStrings(g, "fired", r.fired());
                g.writeStringField("route", r.route());
                g.writeStringField("invalid", r.invalid());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void writeExpect(JsonGenerator g, Expectation e) throws IOException {
        if (e == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeBooleanField("handoff", e.handoff());
        writeStrings(g, "criteria", e.criteria());
        writeInteger(g, "turn", e.turn());
        g.writeStringField("route", e.route());
        g.writeEndObject();
    }

    /** @throws OutcomeJsonCheck.BadField when a field cannot be read back */
    static TranscriptOutcome read(JsonNode n) {
        OutcomeJsonCheck.outcome(n);
        Map<String, List<Label>> labels = new LinkedHashMap<>();
        n.path("labels").properties().forEach(e -> {
            List<Label> l = new ArrayList<>();
            e.getValue().forEach(x -> l.add(Label.valueOf(x.asText())));
            labels.put(e.getKey(), List.copyOf(l));
        });
        JsonNode inv = n.path("invalid");
        List<TranscriptOutcome.TurnFiring> turns = new ArrayList<>();
        n.path("turns").forEach(t -> turns.add(new TranscriptOutcome.TurnFiring(t.path("turn").asInt(), strings(t.path("fired")))));
        List<TranscriptOutcome.RunSummary> runs = new ArrayList<>();
        n.path("runs").forEach(r -> runs.add(new TranscriptOutcome.RunSummary(integer(r.path("trigger_turn")), strings(r.path("fired")),
                text(r.path("route")), text(r.path("invalid")))));
        return new TranscriptOutcome(n.path("ordinal").asLong(), n.path("id").asText(), n.path("source").asText(),
                n.path("meta").isObject() ? (ObjectNode) n.get("meta") : JsonNodeFactory.instance.objectNode(),
                readExpect(n.path("expect")), TranscriptOutcome.Status.parse(n.path("status").asText()), n.path("user_turns").asInt(),
                integer(n.path("trigger_turn")), strings(n.path("fired")), text(n.path("route")), text(n.path("text")), labels,
                n.path("timing").isTextual() ? Timing.parse(n.get("timing").asText()) : null,
                n.path("hours").isTextual() ? Hours.parse(n.get("hours").asText()) : null,
                n.path("trigger_local_time").isTextual() ? java.time.LocalDateTime.parse(n.get("trigger_local_time").asText()) : null,
                inv.isObject() ? new TranscriptOutcome.InvalidTurn(inv.path("turn").asInt(), inv.path("reason").asText()) : null,
                List.copyOf(turns), List.copyOf(runs));
    }

    static Expectation readExpect(JsonNode e) {
        if (e == null || !e.isObject()) {
            return null;
        }
        return new Expectation(e.path("handoff").asBoolean(), strings(e.path("criteria")), integer(e.path("turn")), text(e.path("route")));
    }

    static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void writeInteger(JsonGenerator g, String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }

    static Integer integer(JsonNode n) {
        return n != null && n.isNumber() ? n.asInt() : null;
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
