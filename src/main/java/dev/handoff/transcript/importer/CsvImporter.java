package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;
import dev.handoff.transcript.Message;

import java.util.List;

/** One utterance per row: each row becomes a transcript with one user message. */
final class CsvImporter {

    private final ImportRequest request;
    private final TranscriptSink sink;
    private final LabelResolver labels;

    CsvImporter(ImportRequest request, TranscriptSink sink) {
        this.request = request;
        this.sink = sink;
        this.labels = new LabelResolver(request.labels());
    }

    void run(ImportInput input) {
        ImportRequest.CsvLayout layout = request.csv();
        try (CsvRows rows = new CsvRows(input, layout.delimiter(), layout.header())) {
            CsvColumns columns = CsvColumns.resolve(rows, request, sink::warn);
            String source = request.sourceFor(input);
            String prefix = request.idPrefixFor(input);
            CsvRows.Row row;
            while (sink.wantsMore() && (row = rows.next()) != null) {
                sink.recordRead();
                String text = columns.required(row, columns.text(), "--text-column");
                if (text.isBlank()) {
                    sink.skip("rows with empty text");
                    continue;
                }
                String rawLabel = columns.label() < 0 ? null : columns.required(row, columns.label(), "--label-column");
                LabelResolver.Verdict verdict = labels.resolve(rawLabel, row.at(Math.max(columns.label(), 0)));
                if (verdict instanceof LabelResolver.Verdict.Skip skip) {
                    sink.skip("rows with " + skip.why());
                    continue;
                }
                boolean idFromData = columns.id() >= 0;
                String id = prefix + (idFromData ? columns.required(row, columns.id(), "--id-column").trim()
                        : String.format("%06d", row.number()));
                if (idFromData && id.equals(prefix)) {
                    throw HandoffException.usage(row.at(columns.id()) + ": empty id in --id-column", "every row needs an id");
                }
                if (idFromData) {
                    ImportNames.checkData(id.substring(prefix.length()), row.at(columns.id()), "--id-column: the id");
                }
                ObjectNode meta = JsonNodeFactory.instance.objectNode();
                meta.put("source", source);
                if (input.fileName() != null) {
                    meta.put("file", input.fileName());
                }
                meta.put("line", row.start().line());
                if (verdict.label() != null) {
                    meta.put("label", verdict.label());
                }
                columns.copyMeta(row, meta);
                sink.offer(new ImportedTranscript(id, meta, List.of(new Message(Message.Role.USER, text, null, null)),
                        verdict.expectation()), idFromData, row.start());
            }
        }
    }
}
