package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Writes transcripts as JSONL in the documented field order: id, meta, started_at, messages, expect. */
final class JsonlTranscriptWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Writer out;

    JsonlTranscriptWriter(Writer out) {
        this.out = out;
    }

    void write(ImportedTranscript t) {
        try {
            out.write(Yaml.json().writeValueAsString(toJson(t)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode toJson(ImportedTranscript t) {
        ObjectNode node = NODES.objectNode();
        node.put("id", t.id());
        if (t.meta() != null && !t.meta().isEmpty()) {
            node.set("meta", t.meta());
        }
        ArrayNode messages = node.putArray("messages");
        for (Message m : t.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role().id());
            if (m.text() != null) {
                msg.put("text", m.text());
            }
            if (m.at() != null) {
                msg.put("at", m.at().toString());
            }
            if (m.media() != null) {
                msg.put("media", m.media().id());
            }
        }
        Expectation e = t.expect();
        if (e != null) {
            ObjectNode expect = node.putObject("expect");
            expect.put("handoff", e.handoff());
            if (e.criteria() != null && !e.criteria().isEmpty()) {
                ArrayNode criteria = expect.putArray("criteria");
                e.criteria().forEach(criteria::add);
            }
            if (e.turn() != null) {
                expect.put("turn", e.turn());
            }
            if (e.route() != null) {
                expect.put("route", e.route());
            }
        }
        return node;
    }
}
