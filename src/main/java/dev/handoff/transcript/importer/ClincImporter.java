package dev.handoff.transcript.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.CodePointColumns;
import dev.handoff.files.ParseErrors;
import dev.handoff.transcript.Message;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CLINC150's JSON layout, {@code {"train": [["text", "intent"], ...], "val": [...], ...}}, read
 * with Jackson's streaming parser so the file is never held in memory. Each item becomes a
 * one-message transcript labelled by its intent through {@code --map}.
 */
final class ClincImporter {

    private final ImportRequest request;
    private final TranscriptSink sink;
    private final LabelResolver labels;
    /** Columns in code points, as YAML and every other message count them; set per input. */
    private CodePointColumns.Tracking columns;

    ClincImporter(ImportRequest request, TranscriptSink sink) {
        this.request = request;
        this.sink = sink;
        this.labels = new LabelResolver(request.labels());
    }

    void run(ImportInput input) {
        Set<String> seen = new LinkedHashSet<>();
        JsonParser open = null;
        columns = new CodePointColumns.Tracking(input.openReader());
        try (JsonParser parser = Yaml.json().getFactory().createParser(columns)) {
            open = parser;
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw shape(input, parser, "expected a JSON object of splits, such as {\"train\": [[\"text\", \"intent\"], ...]}");
            }
            while (sink.wantsMore() && parser.nextToken() == JsonToken.FIELD_NAME) {
                String split = parser.currentName();
                seen.add(split);
                JsonToken value = parser.nextToken();
                if (!request.splits().isEmpty() && !request.splits().contains(split)) {
                    parser.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw shape(input, parser, "split '" + split + "' should be a list of [text, intent] pairs");
                }
                readSplit(input, parser, split);
            }
        } catch (CharacterCodingException e) {
            throw HandoffException.usage(input.badByteAt(e, input.displayPath().toString()) + ": not UTF-8 text", "convert the file to UTF-8");
        } catch (JsonProcessingException e) {
            // Jackson's limits say nowhere where they were broken: where the parser stands is the place
            JsonLocation fallback = open == null ? null : open.currentTokenLocation();
            ParseErrors.Problem p = ParseErrors.of(input.displayPath(), 0, e, fallback);
            JsonLocation at = ParseErrors.positionOf(e, fallback);
            if (at != null) {
                p = ParseErrors.atColumn(p, columns.column(at.getCharOffset(), p.where().column()));
            }
            throw HandoffException.usage(p.where() + ": malformed JSON: " + p.what(), p.hintOr("is this a CLINC150 data file (data_full.json)?"));
        } catch (IOException e) {
            throw HandoffException.usage(input.displayPath() + ": cannot read: " + e.getMessage(), null);
        }
        if (sink.wantsMore()) {
            List<String> missing = new ArrayList<>(request.splits());
            missing.removeAll(seen);
            if (!missing.isEmpty()) {
                throw HandoffException.usage(input.displayPath() + ": no split " + String.join(", ", missing)
                        + "; the file has: " + String.join(", ", seen), "pass --split with names from that list");
            }
        }
    }

    private void readSplit(ImportInput input, JsonParser parser, String split) throws IOException {
        String source = request.sourceFor(input);
        String prefix = request.idPrefixFor(input) + split + "-";
        long index = 0;
        while (sink.wantsMore() && parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation start = parser.currentTokenLocation();
            // the items before this one are done with (a CLINC file is often one long line)
            columns.forgetBefore(start.getCharOffset() - Math.max(0, start.getColumnNr() - 1));
            SourceLocation where = where(input, start);
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw shape(input, parser, "items of split '" + split + "' should be [text, intent] pairs");
            }
            String text = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            String intent = text != null && parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (intent == null || parser.nextToken() != JsonToken.END_ARRAY) {
                throw HandoffException.usage(where + ": expected a [text, intent] pair of two strings",
                        "is this a CLINC150 data file?");
            }
            index++;
            sink.recordRead();
            if (text.isBlank()) {
                sink.skip("items with empty text");
                continue;
            }
            ImportNames.checkText(text, where);
            LabelResolver.Verdict verdict = labels.resolve(intent, where);
            if (verdict instanceof LabelResolver.Verdict.Skip skip) {
                sink.skip("items with " + skip.why());
                continue;
            }
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            meta.put("source", source);
            if (input.fileName() != null) {
                meta.put("file", input.fileName());
            }
            meta.put("split", split);
            meta.put("label", intent);
            sink.offer(new ImportedTranscript(prefix + String.format("%06d", index), meta,
                    List.of(new Message(Message.Role.USER, text, null, null)), verdict.expectation()),
                    // split names come from the file, so with several files two ids could meet
                    request.inputs().size() > 1, where);
        }
    }

    private HandoffException shape(ImportInput input, JsonParser parser, String what) {
        return HandoffException.usage(where(input, parser.currentTokenLocation()) + ": " + what,
                "is this a CLINC150 data file? Pass the JSON with the splits at the top level");
    }

    private SourceLocation where(ImportInput input, JsonLocation loc) {
        return loc == null ? SourceLocation.of(input.displayPath())
                : new SourceLocation(input.displayPath(), Math.max(0, loc.getLineNr()),
                Math.max(0, columns.column(loc.getCharOffset(), loc.getColumnNr())));
    }
}
