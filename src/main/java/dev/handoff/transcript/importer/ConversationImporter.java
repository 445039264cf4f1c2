package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
import dev.handoff.transcript.Expectation;
import dev.handoff.transcript.Message;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rows grouped by a conversation column into multi-turn transcripts. Rows of one conversation
 * must be next to each other (the usual shape of an export); only one conversation is held in
 * memory at a time, plus the ids already finished, to catch a file that is not grouped.
 */
final class ConversationImporter {

    private static final Map<String, Message.Role> ROLES = roles();

    private final ImportRequest request;
    private final TranscriptSink sink;
    private final LabelResolver labels;

    ConversationImporter(ImportRequest request, TranscriptSink sink) {
        this.request = request;
        this.sink = sink;
        this.labels = new LabelResolver(request.labels());
    }

    private record Line(CsvRows.Row row, Message.Role role, String text, String order, String label) {
    }

    void run(ImportInput input) {
        ImportRequest.CsvLayout layout = request.csv();
        try (CsvRows rows = new CsvRows(input, layout.delimiter(), layout.header())) {
            CsvColumns columns = CsvColumns.resolve(rows, request, sink::warn);
            SeenKeys finished = new SeenKeys();
            String current = null;
            List<Line> lines = new ArrayList<>();
            CsvRows.Row row;
            while (sink.wantsMore() && (row = rows.next()) != null) {
                sink.recordRead();
                String key = columns.required(row, columns.conversation(), "--conversation-column").trim();
                if (key.isEmpty()) {
                    throw HandoffException.usage(row.at(columns.conversation()) + ": empty conversation id",
                            "every row needs a value in --conversation-column");
                }
                ImportNames.checkData(key, row.at(columns.conversation()), "--conversation-column: the conversation id (part of the transcript id)");
                if (!key.equals(current)) {
                    if (current != null) {
                        finished.add(current, lines.get(0).row().start().line());
                        emit(input, columns, current, lines);
                        lines = new ArrayList<>();
                    }
                    int earlier = finished.lineOf(key);
                    if (earlier != 0) {
                        throw HandoffException.usage(row.at(columns.conversation()) + ": rows of conversation '" + key
                                        + "' are not together (it already appeared on line " + earlier + ")",
                                "sort the export by the conversation column first (keeping the message order within each conversation)");
                    }
                    current = key;
                }
                lines.add(line(row, columns));
            }
            if (current != null && sink.wantsMore()) {
                emit(input, columns, current, lines);
            }
        }
    }

    private Line line(CsvRows.Row row, CsvColumns columns) {
        Message.Role role = Message.Role.USER;
        if (columns.role() >= 0) {
            String raw = columns.required(row, columns.role(), "--role-column").trim();
            role = ROLES.get(raw.toLowerCase(Locale.ROOT));
            if (role == null) {
                throw HandoffException.usage(row.at(columns.role()) + ": role '" + raw + "' is not known",
                        "roles: user (customer, client, visitor), assistant (bot, chatbot, virtual assistant), operator (agent, human agent), system");
            }
        }
        String text = columns.required(row, columns.text(), "--text-column");
        String order = columns.order() < 0 ? null : columns.required(row, columns.order(), "--order-column").trim();
        String label = columns.label() < 0 ? null : columns.required(row, columns.label(), "--label-column");
        return new Line(row, role, text, order, label);
    }

    private void emit(ImportInput input, CsvColumns columns, String key, List<Line> lines) {
        if (columns.order() >= 0) {
            lines.sort(Comparator.comparing(Line::order, ConversationImporter::compareOrder));
        }
        List<Message> messages = new ArrayList<>();
        ArrayNode turnLabels = JsonNodeFactory.instance.arrayNode();
        Set<String> criteria = new LinkedHashSet<>();
        Integer firstHandoffTurn = null;
        boolean labelled = false;
        int userTurn = 0;
        for (Line line : lines) {
            if (line.text().isBlank()) {
                sink.skip("rows with empty text");
                continue;
            }
            messages.add(new Message(line.role(), line.text(), null, null));
            if (line.role() != Message.Role.USER) {
                continue;
            }
            userTurn++;
            LabelResolver.Verdict verdict = labels.resolve(line.label(), line.row().at(Math.max(columns.label(), 0)));
            if (verdict instanceof LabelResolver.Verdict.Skip skip) {
                sink.skip("conversations with " + skip.why());
                return;
            }
            if (verdict instanceof LabelResolver.Verdict.Handoff h) {
                labelled = true;
                turnLabels.add(h.label());
                criteria.addAll(h.criteria());
                if (firstHandoffTurn == null) {
                    firstHandoffTurn = userTurn;
                }
            } else if (verdict instanceof LabelResolver.Verdict.Negative n) {
                labelled = true;
                turnLabels.add(n.label());
            } else {
                turnLabels.addNull();
            }
        }
        if (userTurn == 0) {
            sink.skip("conversations without a user message");
            return;
        }
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("source", request.sourceFor(input));
        if (input.fileName() != null) {
            meta.put("file", input.fileName());
        }
        meta.put("line", lines.get(0).row().start().line());
        meta.put("conversation", key);
        if (labelled) {
            meta.set("labels", turnLabels);
        }
        columns.copyMeta(lines.get(0).row(), meta);
        Expectation expect = !labelled ? null
                : firstHandoffTurn == null ? new Expectation(false, List.of(), null, null)
                : new Expectation(true, List.copyOf(criteria), firstHandoffTurn, null);
        // ids are unique within a file (checked in run); across files the prefix names the file, but a
        // conversation id with a dash can still meet another file's ("a" + "b-7", "a-b" + "7"): the sink checks
        sink.offer(new ImportedTranscript(request.idPrefixFor(input) + key, meta, List.copyOf(messages), expect),
                request.inputs().size() > 1, lines.get(0).row().start());
    }

    /** Numbers compare as numbers (so 10 comes after 9), anything else (ISO timestamps) as text. */
    private static int compareOrder(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Message.Role> roles() {
        Map<String, Message.Role> m = new HashMap<>();
        for (String s : List.of("user", "customer", "client", "visitor", "contact", "end user", "end_user")) {
            m.put(s, Message.Role.USER);
        }
        for (String s : List.of("assistant", "bot", "chatbot", "ai", "virtual assistant", "virtual_assistant")) {
            m.put(s, Message.Role.ASSISTANT);
        }
        for (String s : List.of("operator", "agent", "human agent", "human_agent", "support agent")) {
            m.put(s, Message.Role.OPERATOR);
        }
        m.put("system", Message.Role.SYSTEM);
        return Map.copyOf(m);
    }
}
