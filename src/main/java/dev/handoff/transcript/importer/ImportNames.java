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
    private static final String WHY_NOT_UNICODE = "replay refuses ids and criteria that are not whole Unicode characters, "
            + "which reports cannot write";

    private ImportNames() {
    }

    /** An option whose value goes into every id or expectation: a usage error before anything is read. */
    static void checkOption(String option, String value) {
        VisibleNames.Hidden hidden = value == null ? null : VisibleNames.firstHidden(value);
        if (hidden != null) {
            throw HandoffException.usage(option + ": " + hidden.describe(), "remove it: " + why(hidden));
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
            throw HandoffException.usage(where + ": " + what + " " + hidden.describe(), "remove it from the export: " + why(hidden));
        }
    }

    /**
     * A message text taken from the data: kept as written, but half of a surrogate pair (a JSON {@code "\ud83d"})
     * would be written as '?', a text the file does not hold; replay refuses it too.
     */
    static void checkText(String text, SourceLocation where) {
        VisibleNames.Hidden lone = VisibleNames.firstLoneSurrogate(text);
        if (lone != null) {
            throw HandoffException.usage(where + ": the text " + lone.describe(),
                    "an export cut a character in two: remove the half or write the whole character");
        }
    }

    private static String why(VisibleNames.Hidden hidden) {
        return hidden.hint().equals(VisibleNames.HINT) ? WHY : WHY_NOT_UNICODE;
    }
}
