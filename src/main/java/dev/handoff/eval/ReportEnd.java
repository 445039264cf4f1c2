package dev.handoff.eval;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.handoff.error.HandoffException;

import java.io.IOException;

/**
 * What may follow a report's closing brace: nothing but white space. A JSON reader stops at the
 * end of the first value, so a second report appended with {@code >>} (a retried CI step) or a
 * merge conflict's {@code <<<<<<< HEAD} would otherwise go unseen, and the older run be used.
 */
final class ReportEnd {

    private ReportEnd() {
    }

    /** @param p standing on the report's closing brace */
    static void nothingAfter(JsonParser p, String shown, String hint) throws IOException {
        int line;
        int column;
        try {
            if (p.nextToken() == null) {
                return;
            }
            line = p.currentTokenLocation().getLineNr();
            column = p.currentTokenLocation().getColumnNr();
        } catch (JsonProcessingException e) {
            // '<<<<<<< HEAD' or '}}}' is not JSON at all; Jackson places the error just after the character it refused
            JsonLocation at = e.getLocation() == null ? p.currentLocation() : e.getLocation();
            line = at.getLineNr();
            column = at.getColumnNr() - 1;
        }
        throw HandoffException.usage(shown + ":" + Math.max(1, line) + ":" + Math.max(1, column)
                + ": not a JSON report: more after the end of the report (two reports in one file?)", hint);
    }
}
