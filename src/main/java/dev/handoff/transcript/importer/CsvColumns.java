package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The column positions a CSV import reads, resolved once against the header; -1 = not used. */
record CsvColumns(int text, int label, int conversation, int role, int order, int id, List<Integer> meta,
                  List<String> metaNames, boolean headed) {

    /** The meta keys import writes itself, with what they hold. */
    private static final Map<String, String> OWN_KEYS = ownKeys();
    /** ... with rows labelled (a label column or a default label). */
    private static final Map<String, String> OWN_KEYS_LABELLED = ownKeys("label", "the row's label");
    /** ... with rows grouped into conversations. */
    private static final Map<String, String> OWN_KEYS_CONVERSATIONS = ownKeys("conversation", "the conversation id");
    private static final Map<String, String> OWN_KEYS_CONVERSATIONS_LABELLED = ownKeys("conversation", "the conversation id",
            "labels", "the labels of the user turns");

    /** @param warn told of header names given to several columns that no option names */
    static CsvColumns resolve(CsvRows rows, ImportRequest request, java.util.function.Consumer<String> warn) {
        ImportRequest.CsvLayout layout = request.csv();
        List<Integer> meta = new ArrayList<>();
        List<String> metaNames = new ArrayList<>();
        CsvHeader header = rows.header();
        List<String> names = header.names();
        boolean labelled = layout.labelColumn() != null || request.labels().defaultLabel() != null;
        Map<String, String> own = layout.conversationColumn() == null ? (labelled ? OWN_KEYS_LABELLED : OWN_KEYS)
                : labelled ? OWN_KEYS_CONVERSATIONS_LABELLED : OWN_KEYS_CONVERSATIONS;
        for (String name : layout.metaColumns()) {
            int index = header.column(name, "--meta-column");
            String key = names != null && index < names.size() ? names.get(index) : name.trim();
            if (own.containsKey(key)) {
                // the copy would lose to import's own key: refused, rather than dropped without a word
                throw HandoffException.usage("--meta-column '" + name.trim() + "': meta." + key + " is import's own ("
                                + own.get(key) + ")",
                        "leave it out, or rename that column in the header to keep it; import's own meta keys: "
                                + String.join(", ", own.keySet()));
            }
            meta.add(index);
            metaNames.add(key);
        }
        CsvColumns columns = new CsvColumns(header.column(layout.textColumn(), "--text-column"),
                optional(rows, layout.labelColumn(), "--label-column"),
                optional(rows, layout.conversationColumn(), "--conversation-column"),
                optional(rows, layout.roleColumn(), "--role-column"),
                optional(rows, layout.orderColumn(), "--order-column"),
                optional(rows, layout.idColumn(), "--id-column"),
                List.copyOf(meta), List.copyOf(metaNames), names != null);
        // a duplicate name an option used was an error above; the others only matter to someone who looks
        header.duplicates().forEach(warn);
        return columns;
    }

    private static Map<String, String> ownKeys(String... more) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("source", "--source, or the file name");
        keys.put("file", "the input file's name");
        keys.put("line", "the line where the record starts");
        for (int i = 0; i < more.length; i += 2) {
            keys.put(more[i], more[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    private static int optional(CsvRows rows, String spec, String option) {
        return spec == null || spec.isBlank() ? -1 : rows.header().column(spec, option);
    }

    /** The cell, or an error naming the row when the row is too short to have it. */
    String required(CsvRows.Row row, int index, String option) {
        String value = row.cell(index);
        if (value == null) {
            throw HandoffException.usage(row.at(index) + ": the row has " + row.cells().size() + " column"
                            + (row.cells().size() == 1 ? "" : "s") + " but " + option + " is column " + (index + 1),
                    "check the delimiter and the quoting of this row (an unquoted comma splits a value; a missing one joins two)");
        }
        return value;
    }

    /**
     * Copies the {@code --meta-column} cells (import's own keys were refused in resolve). Under a
     * header a row's missing cells are left out; without one, a column number past the row's cells
     * is an error like any other column's: "--meta-column 9" on two-column rows copied nothing, silently.
     */
    void copyMeta(CsvRows.Row row, ObjectNode target) {
        for (int i = 0; i < meta.size(); i++) {
            String value = headed ? row.cell(meta.get(i)) : required(row, meta.get(i), "--meta-column");
            if (value != null && !target.has(metaNames.get(i))) {
                target.put(metaNames.get(i), value);
            }
        }
    }
}
