package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Invisible;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The header row of a delimited export, and how options name its columns: by header name
 * (exact, then ignoring case) or by 1-based number.
 *
 * @param file       how messages name the file
 * @param names      the trimmed header cells; null when the file has no header
 * @param startsLikeJson the file's first character is '{' or '[': a hint when a column is not found
 */
record CsvHeader(Path file, List<String> names, boolean startsLikeJson) {

    /** Names shown when a column is not found: a JSON file read as CSV has a "header" of a megabyte. */
    private static final int SHOWN_NAMES = 5;
    private static final int SHOWN_LENGTH = 40;

    /**
     * Finds a column.
     *
     * @param option the option that named it, for the error message
     */
    int column(String spec, String option) {
        String wanted = spec.trim();
        if (names != null) {
            List<Integer> exact = matches(wanted, false);
            List<Integer> found = exact.isEmpty() ? matches(wanted, true) : exact;
            if (found.size() > 1) {
                // taking the first would read the wrong column half the time, silently
                throw HandoffException.usage(new SourceLocation(file, 1, 1) + ": " + option + " '" + spec + "': the header has "
                                + (exact.isEmpty() ? "that name (ignoring case)" : "'" + shown(wanted) + "'") + " " + found.size()
                                + " times, in " + positions(found),
                        "rename one of them in the header, or name the column by its number (1 = first)");
            }
            if (found.size() == 1) {
                return found.get(0);
            }
        }
        if (wanted.matches("[1-9]\\d{0,4}")) {
            return Integer.parseInt(wanted) - 1;
        }
        if (names == null) {
            throw HandoffException.usage(option + " '" + spec + "': without a header, name columns by number (1 = first)", null);
        }
        if (startsLikeJson) {
            throw HandoffException.usage(new SourceLocation(file, 1, 1) + ": " + option + " '" + spec
                            + "': no such column, and the file starts like JSON, not CSV",
                    JSON_HINT);
        }
        throw HandoffException.usage(new SourceLocation(file, 1, 1) + ": " + option + " '" + spec
                        + "': no such column; the header has: " + describe(),
                "name one of those columns (or its number, 1 = first); is --delimiter right?");
    }

    /** What to do with a JSON file given as CSV. */
    static final String JSON_HINT = "for CLINC150 data pass --format clinc; a transcript JSONL file needs no import "
            + "('handoff replay' reads it); other JSON: convert it to CSV first (jq's @csv)";

    /**
     * Names given to more than one column, none of which an option named (that is an error):
     * one line each, for a warning.
     */
    List<String> duplicates() {
        if (names == null) {
            return List.of();
        }
        Map<String, List<Integer>> at = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isBlank()) {
                at.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(i);
            }
        }
        List<String> out = new ArrayList<>();
        at.forEach((name, where) -> {
            if (where.size() > 1) {
                out.add(new SourceLocation(file, 1, 1) + ": the header has '" + shown(name) + "' " + where.size()
                        + " times, in " + positions(where) + "; only its number (1 = first) can name one of them");
            }
        });
        return out;
    }

    /** The header for a message: the first few names, each cut short, and how many more there are. */
    String describe() {
        String first = names.stream().limit(SHOWN_NAMES).map(n -> "'" + shown(n) + "'").collect(Collectors.joining(", "));
        return names.size() <= SHOWN_NAMES ? first : first + String.format(Locale.ROOT, " … %,d more", names.size() - SHOWN_NAMES);
    }

    private List<Integer> matches(String wanted, boolean ignoringCase) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (ignoringCase ? names.get(i).equalsIgnoreCase(wanted) : names.get(i).equals(wanted)) {
                found.add(i);
            }
        }
        return found;
    }

    /** "columns 1 and 2", "columns 1, 4 and 7". */
    private static String positions(List<Integer> indexes) {
        List<String> numbers = indexes.stream().map(i -> String.valueOf(i + 1)).toList();
        return "columns " + String.join(", ", numbers.subList(0, numbers.size() - 1)) + " and " + numbers.get(numbers.size() - 1);
    }

    /** A name as it can be printed: cut to a sane length, without characters that would act on a terminal. */
    private static String shown(String name) {
        if (name.contains("=") || name.contains("://") || name.matches("(?s).*[^\\s@]+@[^\\s@]+\\.[^\\s@]+.*")) {
            // the wrong file given (.env, .git-credentials): its first line is a secret, not a header
            return "<" + name.codePointCount(0, name.length()) + " characters holding '=', '@' or '://', not shown>";
        }
        // escaped as every other message shows them (\u001B), so the name can be found in the file
        String visible = Invisible.escaped(name);
        if (visible.codePointCount(0, visible.length()) <= SHOWN_LENGTH) {
            return visible;
        }
        return visible.substring(0, visible.offsetByCodePoints(0, SHOWN_LENGTH - 1)) + "…";
    }
}
