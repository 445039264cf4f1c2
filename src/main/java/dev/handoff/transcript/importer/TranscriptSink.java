package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where importers put what they make: applies {@code --sample-every} and {@code --limit},
 * refuses duplicate ids taken from the data (within a file and across the files of one import),
 * writes, counts and reports progress. Writing stops at the first failed write: the importers
 * ask {@link #wantsMore()} before every record, so nothing more is read.
 */
final class TranscriptSink {

    private final JsonlTranscriptWriter writer;
    private final long limit;
    private final int sampleEvery;
    private final ProgressListener progress;
    /** Ids taken from the data, each with where it was first met: (file index + 1) << 32 | line. */
    private final SeenKeys dataIds = new SeenKeys();
    private final List<Path> files = new ArrayList<>();
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

    /** Passes a warning on at once, so that it is seen before a long import ends. */
    void warn(String message) {
        progress.warning(message);
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
    void offer(ImportedTranscript t, boolean idFromData, SourceLocation where) {
        // the options and id cells were checked where they were read; this catches the rest (a clinc
        // split name, a file name in the default prefix)
        ImportNames.checkData(t.id(), where, "the transcript id made here");
        if (idFromData) {
            long earlier = dataIds.valueOf(t.id());
            if (earlier != 0) {
                Path earlierFile = files.get((int) (earlier >>> 32) - 1);
                boolean sameFile = earlierFile.equals(where.file());
                throw HandoffException.usage(where + ": duplicate transcript id '" + t.id() + "' (also at "
                                + new SourceLocation(earlierFile, (int) earlier, 0) + ")",
                        sameFile ? "ids must be unique: check the id column, or sort the file by the conversation column so each conversation's rows are together"
                                : "ids must be unique across the files of one import: import those files separately, each with its own --id-prefix");
            }
            dataIds.add(t.id(), ((long) fileIndex(where.file()) + 1) << 32 | Math.max(0, where.line()));
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

    private int fileIndex(Path file) {
        int i = files.lastIndexOf(file);
        if (i < 0) {
            files.add(file);
            i = files.size() - 1;
        }
        return i;
    }

    ImportSummary summary() {
        progress.progress(records, written);
        return new ImportSummary(records, written, handoff, noHandoff, unlabelled,
                Collections.unmodifiableMap(new LinkedHashMap<>(skipped)));
    }
}
