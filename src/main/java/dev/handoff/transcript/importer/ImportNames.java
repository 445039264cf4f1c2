package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.transcript.VisibleNames;

/**
 * Ids and criterion names that import writes are checked by replay's own rule
 * ({@link VisibleNames}) before they are written: a file that import accepted must not be one
 * that replay refuses.
 */
final class ImportNames {

    private static final String WHY = "replay refuses ids and criteria with control or text-direction characters, "
            + "which would hide or reorder what reports show";

    private ImportNames() {
    }

    /** An option whose value goes into every id or expectation: a usage error before anything is read. */
    static void checkOption(String option, String value) {
        VisibleNames.Hidden hidden = value == null ? null : VisibleNames.firstHidden(value);
        if (hidden != null) {
            throw HandoffException.usage(option + ": " + hidden.describe(), "remove it: " + WHY);
        }
    }

    /**
     * A value taken from the data (an id cell, a conversation id).
     *
     * @param what what the value is, e.g. "--id-column: the id"
     */
    static void checkData(String value, SourceLocation where, String what) {
        VisibleNames.Hidden hidden = VisibleNames.firstHidden(value);
        if (hidden != null) {
            throw HandoffException.usage(where + ": " + what + " " + hidden.describe(), "remove it from the export: " + WHY);
        }
    }
}
