package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;

import java.util.List;

/** A transcript made from an export, ready to be written as one JSONL line. */
public record ImportedTranscript(String id, ObjectNode meta, List<Message> messages, Expectation expect) {
}
