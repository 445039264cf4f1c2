package dev.handoff.transcript.importer;

/** Told how far an import is; the CLI turns it into a status line on a terminal. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (records, written) -> { };

    /** @param records input records (rows, items, dialogue lines) read so far */
    void progress(long records, long written);

    /** Something the user should know that does not stop the import (one line, without "warning:"). */
    default void warning(String message) {
    }
}
