package dev.handoff.transcript;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.CodePointColumns;
import dev.handoff.files.ParseErrors;

import java.nio.file.Path;

/**
 * Where a problem of a transcript is, and what it is in words, for a whole YAML file or one
 * JSONL line ({@code lineOffset}: 0 for a whole file, else the file's line). Columns are counted
 * in code points: YAML's parser does so, a JSONL line's (a String) counts UTF-16 units.
 */
final class ReadProblems {

    private ReadProblems() {
    }

    static SourceLocation locate(JsonFactory factory, String text, JsonPointer pointer, Path file, int lineOffset) {
        int[] lc = Locator.locate(factory, text, pointer);
        return lineOffset == 0 ? new SourceLocation(file, lc[0], lc[1])
                : new SourceLocation(file, lineOffset, CodePointColumns.of(text, lc[1]));
    }

    /** @param text what was parsed, read again only for errors that carry no position (Jackson's limits, duplicate keys) */
    static TranscriptProblem malformed(Path file, int lineOffset, JsonProcessingException e, String format,
                                       JsonFactory factory, String text) {
        var fallback = e.getLocation() == null ? ParseErrors.failurePoint(factory, text) : null;
        ParseErrors.Problem p = ParseErrors.of(file, lineOffset, e, fallback, "YAML".equals(format) ? text : null);
        if (lineOffset != 0) {
            p = ParseErrors.atColumn(p, CodePointColumns.of(text, p.where().column()));
        }
        if (p.what().startsWith("Duplicate field '")) {
            TranscriptProblem duplicate = duplicateKey(file, lineOffset, format, factory, text);
            if (duplicate != null) {
                return duplicate;
            }
        }
        if (p.what().startsWith("Trailing token")) {
            String detail = lineOffset != 0 ? "more than one JSON value on the line" : "more than one document in the file";
            return new TranscriptProblem(p.where(), null, null, "malformed " + format + ": " + detail,
                    lineOffset != 0 ? "write one transcript per line" : "write one transcript per YAML file, or use a .jsonl file for many");
        }
        return new TranscriptProblem(p.where(), null, null, "malformed " + format + ": " + p.what(),
                p.hintOr("fix the syntax at that position"));
    }

    /**
     * The parser notices a repeated key after reading it, and places the problem there (at the
     * ':' in YAML); the key itself, and where it was first, say more.
     */
    private static TranscriptProblem duplicateKey(Path file, int lineOffset, String format, JsonFactory factory, String text) {
        Locator.Duplicate d = Locator.duplicateKey(factory, text);
        if (d == null) {
            return null;
        }
        SourceLocation where = lineOffset == 0 ? new SourceLocation(file, d.line(), d.column())
                : new SourceLocation(file, lineOffset, CodePointColumns.of(text, d.column()));
        String first = lineOffset == 0 ? "line " + d.firstLine() : "column " + CodePointColumns.of(text, d.firstColumn());
        return new TranscriptProblem(where, null, null, "malformed " + format + ": duplicate key '" + d.name() + "' (first at "
                + first + ")", "write each key once: remove one of them, or rename it");
    }
}
