package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where importers put what they make: applies {@code --sample-every} and {@code --limit},
 * refuses duplicate ids taken from the data, writes, counts and reports progress.
 */
final class TranscriptSink {

    private final JsonlTranscriptWriter writer;
    private final long limit;
    private final int sampleEvery;
    private final ProgressListener progress;
    private final Set<String> dataIds = new HashSet<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();

    private long records;
    private long candidates;
    private long written;
    private long handoff;
    private long noHandoff;
    private long unlabelled;

    TranscriptSink(JsonlTranscriptWriter writer, long limit, int sampleEvery, ProgressListener progress) {
        this.writer = writer;
        this.limit = limit;
        this.sampleEvery = Math.max(1, sampleEvery);
        this.progress = progress;
    }

    /** Counts one input record (row, item, dialogue line) and reports progress now and then. */
    void recordRead() {
        records++;
        if ((records & 0x3FF) == 0) {
            progress.progress(records, written);
        }
    }

    void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** True while more transcripts are wanted; importers stop reading once it is false. */
    boolean wantsMore() {
        return limit <= 0 || written < limit;
    }

    /**
     * Offers a transcript; every {@code sampleEvery}-th one offered is written.
     *
     * @param idFromData true when the id comes from the export (an id or conversation column), so it may repeat
     * @param where      where the transcript starts, for the duplicate-id error
     */
    void offer(ImportedTranscript t, boolean idFromData, String where) {
        if (idFromData && !dataIds.add(t.id())) {
            throw HandoffException.usage(where + ": duplicate transcript id '" + t.id() + "'",
                    "ids must be unique: check the id column, or sort the file by the conversation column so each conversation's rows are together");
        }
        if (!wantsMore()) {
            return;
        }
        if (candidates++ % sampleEvery != 0) {
            skip("left out by --sample-every");
            return;
        }
        writer.write(t);
        written++;
        if (t.expect() == null) {
            unlabelled++;
        } else if (t.expect().handoff()) {
            handoff++;
        } else {
            noHandoff++;
        }
    }

    ImportSummary summary() {
        progress.progress(records, written);
        return new ImportSummary(records, written, handoff, noHandoff, unlabelled,
                Collections.unmodifiableMap(new LinkedHashMap<>(skipped)));
    }
}
