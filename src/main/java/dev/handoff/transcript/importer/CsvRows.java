package dev.handoff.transcript.importer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.files.CodePointColumns;
import dev.handoff.files.ParseErrors;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Streams the rows of a delimited file through Jackson's CSV parser (quotes, doubled quotes,
 * embedded newlines), one row at a time, each cell with the line and column where it starts.
 * Blank lines are skipped.
 */
final class CsvRows implements Closeable {

    private static final CsvFactory FACTORY = new CsvFactory();

    /** One data row; {@code number} is 1-based and counts data rows only (not the header). */
    record Row(long number, List<String> cells, List<SourceLocation> where, SourceLocation start) {

        /** Where cell {@code index} is, or just past the row's last cell when the row is shorter. */
        SourceLocation at(int index) {
            return index < where.size() ? where.get(index) : where.isEmpty() ? start : where.get(where.size() - 1);
        }

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }
    }

    private final ImportInput input;
    private final CodePointColumns.Tracking columns;
    private final CsvParser parser;
    /** Null while the header row itself is read. */
    private CsvHeader header;
    private long number;
    /** Without a header: the first row's number of cells, -1 before it. */
    private int width = -1;

    CsvRows(ImportInput input, char delimiter, boolean hasHeader) {
        this.input = input;
        BufferedReader reader = new BufferedReader(input.openReader(), 1 << 16);
        String head = peek(reader);
        if (STRONGLY_JSON.matcher(head).lookingAt()) {
            // its "header" would be its first line, up to megabytes, and numbered columns would import junk
            throw HandoffException.usage(new SourceLocation(input.displayPath(), 1, 1) + ": the file is JSON (it starts with '"
                    + head.strip().charAt(0) + "'), not CSV", CsvHeader.JSON_HINT);
        }
        try {
            this.columns = new CodePointColumns.Tracking(reader);
            this.parser = FACTORY.createParser(columns);
        } catch (IOException e) {
            throw HandoffException.usage(input.displayPath() + ": cannot read: " + e.getMessage(), null);
        }
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"'));
        List<String> names = null;
        if (hasHeader) {
            Row first = next();
            if (first == null) {
                throw HandoffException.usage(input.displayPath() + ": the file is empty",
                        "export the data with a header row, or pass another file");
            }
            names = first.cells().stream().map(CsvRows::trimSpaces).toList();
            number = 0;
        }
        String start = head.strip();
        this.header = new CsvHeader(input.displayPath(), names, start.startsWith("{") || start.startsWith("["));
    }

    /** Spaces and tabs around a header name are not part of it; control characters are, so they are shown. */
    private static String trimSpaces(String name) {
        int from = 0;
        int to = name.length();
        while (from < to && (name.charAt(from) == ' ' || name.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (name.charAt(to - 1) == ' ' || name.charAt(to - 1) == '\t' || name.charAt(to - 1) == '\r')) {
            to--;
        }
        return name.substring(from, to);
    }

    /** A JSON object with a key, or a list of lists, objects or strings: no CSV starts so. */
    private static final Pattern STRONGLY_JSON = Pattern.compile("\\s*(\\{\\s*\"|\\[\\s*[\\[{\"])");

    /** The first characters of the file, left unread. */
    private String peek(BufferedReader reader) {
        try {
            reader.mark(256);
            char[] buf = new char[256];
            int n = reader.read(buf, 0, buf.length);
            reader.reset();
            return n <= 0 ? "" : new String(buf, 0, n);
        } catch (CharacterCodingException e) {
            return ""; // the parser reports it, with its position
        } catch (IOException e) {
            throw HandoffException.usage(input.displayPath() + ": cannot read: " + e.getMessage(), null);
        }
    }

    /** The header row's column names, and how options find columns. */
    CsvHeader header() {
        return header;
    }

    /** The next row, or null at the end of the file. */
    Row next() {
        SourceLocation rowStart = null;
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                if (token != JsonToken.START_ARRAY) {
                    continue;
                }
                // earlier rows are done with: their positions are not asked about again
                columns.forgetBefore(parser.currentLocation().getCharOffset() - 1);
                SourceLocation start = location(parser.currentLocation());
                rowStart = start;
                List<String> cells = new ArrayList<>();
                List<SourceLocation> where = new ArrayList<>();
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                    cells.add(parser.getText());
                    where.add(location(parser.currentTokenLocation()));
                }
                if (cells.size() == 1 && cells.get(0).isEmpty()) {
                    continue;
                }
                checkWidth(cells, where);
                return new Row(++number, cells, where, start);
            }
        } catch (CharacterCodingException e) {
            throw HandoffException.usage(input.badByteAt(e, location(parser.currentLocation()) + " (or after)") + ": not UTF-8 text",
                    "re-export the file as UTF-8 (in a spreadsheet: 'CSV UTF-8'), or convert it with iconv -f LATIN1 -t UTF-8");
        } catch (JsonProcessingException e) {
            JsonLocation fallback = parser.currentTokenLocation();
            ParseErrors.Problem p = ParseErrors.of(input.displayPath(), 0, e, fallback);
            JsonLocation at = ParseErrors.positionOf(e, fallback);
            if (at != null) {
                p = ParseErrors.atColumn(p, columns.column(at.getCharOffset(), p.where().column()));
            }
            String row = rowStart == null ? "" : " (in the row that starts on line " + rowStart.line() + ")";
            throw HandoffException.usage(p.where() + ": malformed CSV: " + p.what() + row,
                    p.hintOr("check the quoting of that row: a value with a quote, comma or line break must be in double quotes, with inner quotes doubled"));
        } catch (IOException e) {
            throw HandoffException.usage(input.displayPath() + ": cannot read: " + e.getMessage(), null);
        }
    }

    /**
     * A row with more cells than the header is refused: an unquoted delimiter inside a value
     * ("I want a human, now") shifts every later cell, so the label column would read a piece of
     * the text. Empty cells past the header's end are allowed: some exports end every row with
     * a delimiter, and they shift nothing (a cell of spaces is typed, not exported, so it counts).
     * Without a header, the first row sets the width.
     */
    private void checkWidth(List<String> cells, List<SourceLocation> where) {
        if (header == null) {
            return; // the header row itself
        }
        boolean headed = header.names() != null;
        if (!headed && width < 0) {
            width = cells.size();
            return;
        }
        int expected = headed ? header.names().size() : width;
        for (int i = expected; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                throw HandoffException.usage(where.get(i) + ": the row has " + cells.size() + " columns but the "
                                + (headed ? "header" : "first row (there is no header)") + " has " + expected,
                        "check the delimiter and the quoting of this row (an unquoted comma splits a value; a missing one joins two)");
            }
        }
    }

    /** Where a parser position is, its column counted in code points (the parser counts UTF-16 units). */
    private SourceLocation location(JsonLocation loc) {
        return new SourceLocation(input.displayPath(), Math.max(0, loc.getLineNr()),
                Math.max(0, columns.column(loc.getCharOffset(), loc.getColumnNr())));
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // reading is finished; nothing was written through this parser
        }
    }
}
