package dev.handoff.transcript.importer;

import java.io.Writer;

/** Entry point of {@code handoff transcripts import}: reads the inputs, streams JSONL to {@code out} (not closed). */
public final class TranscriptImporter {

    private TranscriptImporter() {
    }

    public static ImportSummary run(ImportRequest request, Writer out, ProgressListener progress) {
        request.checked();
        TranscriptSink sink = new TranscriptSink(new JsonlTranscriptWriter(out), request.limit(), request.sampleEvery(), progress);
        for (ImportInput input : request.inputs()) {
            if (!sink.wantsMore()) {
                break;
            }
            switch (request.format()) {
                case CSV -> {
                    if (request.csv().conversationColumn() != null) {
                        new ConversationImporter(request, sink).run(input);
                    } else {
                        new CsvImporter(request, sink).run(input);
                    }
                }
                case CLINC -> new ClincImporter(request, sink).run(input);
                case USS -> new UssImporter(request, sink).run(input);
            }
        }
        return sink.summary();
    }

    /** What one input record is called in the summary line. */
    public static String recordNoun(ImportRequest request) {
        return switch (request.format()) {
            case CSV -> "rows";
            case CLINC -> "items";
            case USS -> "dialogue lines";
        };
    }
}
