package dev.handoff.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.handoff.error.SourceLocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON, YAML or CSV that a Jackson parser could not read, said for people: {@code file:line:column}
 * and what is wrong in words. Jackson's own text names Java methods
 * ({@code StreamReadConstraints.getMaxStringLength()}), hides the source
 * ({@code [Source: REDACTED ...]}) and, for its limits, gives no position at all; none of that
 * may reach the user.
 */
public final class ParseErrors {

    private static final Pattern LIMIT = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    private static final Pattern START_MARKER = Pattern.compile("start marker at \\[.*?line: (\\d+), column: (\\d+)\\]");
    private static final Pattern CHAR_CODE = Pattern.compile("\\('(.*?)' \\(code \\d+\\)\\)");
    private static final Pattern CTRL_CHAR = Pattern.compile("\\(\\(CTRL-CHAR, code \\d+\\)\\)");

    private ParseErrors() {
    }

    /**
     * @param where where the parser stopped
     * @param what  the problem in words, without a position
     * @param hint  what to do, when the problem says more than "fix the syntax"; else null
     */
    public record Problem(SourceLocation where, String what, String hint) {

        /** The hint, or the caller's own when this problem has none. */
        public String hintOr(String fallback) {
            return hint != null ? hint : fallback;
        }

        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /** A problem in a whole file; the position comes from the exception. */
    public static Problem of(Path file, JsonProcessingException e) {
        return of(file, 0, e, null);
    }

    /**
     * @param lineOffset 0 for a whole file; the file's line when only that line was parsed (JSONL)
     * @param fallback   where the parser was, for errors that carry no position (the limits); may be null
     */
    public static Problem of(Path file, int lineOffset, JsonProcessingException e, JsonLocation fallback) {
        return of(file, lineOffset, e, fallback, null);
    }

    /**
     * @param yamlText the whole YAML text that was parsed, or null: with it, a YAML position is
     *                 counted as an editor counts lines (YAML also breaks lines at U+0085, U+2028 and
     *                 U+2029, which shifted every later line number), and such a character before
     *                 the problem is named, since it is the usual cause
     */
    public static Problem of(Path file, int lineOffset, JsonProcessingException e, JsonLocation fallback, String yamlText) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
                return yaml(file, lineOffset, marked, lineOffset == 0 ? yamlText : null);
            }
        }
        JsonLocation loc = positionOf(e, fallback);
        SourceLocation where = loc == null ? new SourceLocation(file, Math.max(0, lineOffset), 0)
                : new SourceLocation(file, lineOffset > 0 ? lineOffset : Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()));
        String unit = lineOffset > 0 ? "the line" : "the file";
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(where, message);
        }
        String first = message.lines().findFirst().orElse("").strip();
        if (first.startsWith("Unexpected end-of-input")) {
            return new Problem(where, endOfInput(first, message, lineOffset),
                    unit + " looks cut off: write it again, or restore it from a copy");
        }
        if (first.startsWith("the number ") && first.contains("than a decimal number can be")) {
            return new Problem(where, first, "write a smaller number there, or put it in quotes if it is meant as text");
        }
        if (first.startsWith("Unrecognized token")) {
            int colon = first.indexOf(": was expecting");
            String token = colon < 0 ? first.substring("Unrecognized token".length()).strip() : first.substring("Unrecognized token".length(), colon).strip();
            return new Problem(where, "unexpected " + token + " where a value should be (a string in double quotes, a number, "
                    + "a list, an object, true, false or null)", null);
        }
        return new Problem(where, clean(first), null);
    }

    /**
     * The parser position a problem is reported at: the exception's, else {@code fallback} (may be
     * null). For callers that count its column another way ({@link CodePointColumns}).
     */
    public static JsonLocation positionOf(JsonProcessingException e, JsonLocation fallback) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : fallback;
    }

    /** The same problem at another column of its line (a column counted in code points). */
    public static Problem atColumn(Problem p, int column) {
        SourceLocation w = p.where();
        return new Problem(new SourceLocation(w.file(), w.line(), column), p.what(), p.hint());
    }

    /**
     * Where the parser stands when it gives up on {@code text}, for errors that carry no
     * position (Jackson's limits): the text is read again up to the failure. Only called on error.
     */
    public static JsonLocation failurePoint(JsonFactory factory, String text) {
        try (JsonParser p = factory.createParser(text)) {
            try {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t.isScalarValue()) {
                        p.getText();
                    }
                }
                return null;
            } catch (IOException e) {
                return p.currentTokenLocation();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The problem's text only, for messages that have no file (a model's reply, a request body). */
    public static String describe(JsonProcessingException e) {
        return of(null, 0, e, null).what().replaceFirst("^the file ", "the JSON ");
    }

    private static Problem limit(SourceLocation where, String message) {
        Matcher m = LIMIT.matcher(message);
        long actual = m.find() ? Long.parseLong(m.group(1)) : -1;
        long max = actual >= 0 ? Long.parseLong(m.group(2)) : -1;
        if (message.startsWith("String value length") && actual >= 0) {
            // the parser stops as soon as the text passes the limit, so its count is where it stopped
            // (a 30,000,000-character text read as 20,051,112), not the text's length
            return new Problem(where, String.format(Locale.ROOT, "a text is too long: more than the limit of %,d characters", max),
                    "shorten that text or split it into several messages; is this the right file?");
        }
        if (message.startsWith("Document nesting depth") && actual >= 0) {
            return new Problem(where, "nested more than " + max + " levels deep", "is this the right file?");
        }
        if (message.startsWith("Number value length") && actual >= 0) {
            return new Problem(where, String.format(Locale.ROOT, "a number is too long: %,d digits, more than the limit of %,d",
                    actual, max), "is this the right file?");
        }
        if (message.startsWith("Name length") && actual >= 0) {
            return new Problem(where, String.format(Locale.ROOT, "a field name is too long: %,d characters, more than the limit of %,d",
                    actual, max), "is this the right file?");
        }
        return new Problem(where, "the document is larger than this program reads", "is this the right file?");
    }

    private static String endOfInput(String first, String message, int lineOffset) {
        String unit = lineOffset > 0 ? "the line" : "the file";
        Matcher start = START_MARKER.matcher(message);
        // a JSONL line is parsed on its own: its line 1 is the file's line lineOffset, so only the column says where
        String from = !start.find() ? "" : lineOffset > 0 ? " that starts at column " + start.group(2)
                : " that starts at line " + start.group(1) + ", column " + start.group(2);
        if (first.contains("close marker for Array") || first.contains("Array entries")) {
            return unit + " ends before the list" + from + " is closed with ']'";
        }
        if (first.contains("close marker for Object") || first.contains("Object entries")) {
            return unit + " ends before the object" + from + " is closed with '}'";
        }
        if (first.contains("closing quote")) {
            return unit + " ends inside a quoted text (no closing '\"')";
        }
        return unit + " ends in the middle of a value";
    }

    /** Jackson's first line without its source excerpts and character codes. */
    static String clean(String first) {
        int marker = first.indexOf(" (start marker at");
        String s = marker >= 0 ? first.substring(0, marker) : first;
        s = s.replaceFirst("\\s*at \\[Source:.*$", "");
        s = CHAR_CODE.matcher(s).replaceAll("'$1'");
        s = CTRL_CHAR.matcher(s).replaceAll("(a control character)");
        // the parser's advice to its programmer ("enable `JsonReadFeature.X` to allow") means nothing to a user
        s = s.replaceAll(":?\\s*enable `[^`]*` to allow.*$", "");
        s = s.replaceAll(" \\(code \\d+\\)", "");
        // the YAML parser names its event classes: "got this instead: <org.yaml...MappingStartEvent(...)>"
        s = s.replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.(MappingStart|SequenceStart)Event\\([^>]*>",
                "the start of a $1").replace("the start of a MappingStart", "the start of a mapping ({)")
                .replace("the start of a SequenceStart", "the start of a list ([)");
        s = s.replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\([^>]*>", "a YAML $1");
        s = s.replace("(Scalar value in YAML)", "(a plain name followed by ':')");
        if (s.startsWith("The incoming YAML document exceeds the limit")) {
            s = "the document is larger than this program reads (" + s.replaceAll("\\D+", " ").strip() + " characters at most)";
        }
        return s.strip();
    }

    /**
     * SnakeYAML knows where the broken construct started and where the problem was found; the
     * user needs the latter first.
     */
    private static Problem yaml(Path file, int lineOffset, org.yaml.snakeyaml.error.MarkedYAMLException marked, String text) {
        var mark = marked.getProblemMark();
        int[] at = text == null ? new int[] {mark.getLine() + 1, mark.getColumn() + 1} : editorPosition(text, mark.getIndex());
        SourceLocation where = new SourceLocation(file, lineOffset > 0 ? lineOffset : at[0], at[1]);
        String detail = marked.getProblem();
        if (marked.getContext() != null && marked.getContextMark() != null) {
            var context = marked.getContextMark();
            int line = text == null ? context.getLine() + 1 : editorPosition(text, context.getIndex())[0];
            detail += " (" + marked.getContext() + " started at line " + line + ")";
        }
        if (text != null && marked.getProblem() != null && marked.getProblem().contains("(TAB)")) {
            Problem tab = tab(where, text, mark.getIndex());
            if (tab != null) {
                return tab;
            }
        }
        int[] lineBreak = text == null ? null : unicodeLineBreak(text, mark.getIndex());
        // named when it is on the problem's line or the one before: further up it is not the cause
        if (lineBreak != null && at[0] - lineBreak[0] <= 1) {
            String what = switch (lineBreak[2]) {
                case 0x85 -> "a next-line character (U+0085)";
                case 0x2028 -> "a line separator (U+2028)";
                default -> "a paragraph separator (U+2029)";
            };
            return new Problem(where, detail, String.format(Locale.ROOT, "line %d, column %d holds %s, which YAML reads as a line break"
                    + " in unquoted text: put that text in double quotes, or replace the character by a space",
                    lineBreak[0], lineBreak[1], what));
        }
        return new Problem(where, detail, null);
    }

    /**
     * SnakeYAML refuses a tab where YAML allows one as a separator ({@code timezone:<TAB>Europe/Berlin})
     * with "Do not use \t(TAB) for indentation", which sends the user looking at the indentation.
     * Said plainly: what the tab follows, and to replace it. Null when the tab is elsewhere.
     */
    private static Problem tab(SourceLocation where, String text, int codePointIndex) {
        if (codePointIndex < 0 || codePointIndex >= text.codePointCount(0, text.length())) {
            return null;
        }
        int i = text.offsetByCodePoints(0, codePointIndex);
        if (text.charAt(i) != '\t') {
            return null;
        }
        int b = i - 1;
        while (b >= 0 && (text.charAt(b) == ' ' || text.charAt(b) == '\t')) {
            b--;
        }
        char before = b < 0 ? '\n' : text.charAt(b);
        if (before == ':' || before == '-' || before == ',') {
            return new Problem(where, "a tab follows the '" + before + "'; the YAML reader handoff uses (SnakeYAML) accepts only"
                    + " spaces there", "replace the tab with a space");
        }
        if (before == '\n' || before == '\r') {
            return new Problem(where, "a tab indents this line; YAML indents with spaces only", "replace the tab with spaces");
        }
        return null;
    }

    /** Line and column (1-based) of a code point index as an editor counts them (an error path: built once). */
    static int[] editorPosition(String text, int codePointIndex) {
        return EditorLines.of(text).position(codePointIndex);
    }

    /** The first NEL, LS or PS at or before a code point index: {line, column, code point}; else null. */
    static int[] unicodeLineBreak(String text, int codePointIndex) {
        int n = 0;
        for (int i = 0; i < text.length() && n <= codePointIndex; n++) {
            int cp = text.codePointAt(i);
            if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
                int[] at = editorPosition(text, n);
                return new int[] {at[0], at[1], cp};
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
