package dev.handoff.transcript.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.List;

/** The column positions a CSV import reads, resolved once against the header; -1 = not used. */
record CsvColumns(int text, int label, int conversation, int role, int order, int id, List<Integer> meta,
                  List<String> metaNames) {

    static CsvColumns resolve(CsvRows rows, ImportRequest.CsvLayout layout) {
        List<Integer> meta = new ArrayList<>();
        List<String> metaNames = new ArrayList<>();
        for (String name : layout.metaColumns()) {
            int index = rows.column(name, "--meta-column");
            meta.add(index);
            metaNames.add(rows.header() != null && index < rows.header().size() ? rows.header().get(index) : name.trim());
        }
        return new CsvColumns(rows.column(layout.textColumn(), "--text-column"),
                optional(rows, layout.labelColumn(), "--label-column"),
                optional(rows, layout.conversationColumn(), "--conversation-column"),
                optional(rows, layout.roleColumn(), "--role-column"),
                optional(rows, layout.orderColumn(), "--order-column"),
                optional(rows, layout.idColumn(), "--id-column"),
                List.copyOf(meta), List.copyOf(metaNames));
    }

    private static int optional(CsvRows rows, String spec, String option) {
        return spec == null || spec.isBlank() ? -1 : rows.column(spec, option);
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

    /** Copies the {@code --meta-column} cells; missing cells, and names the importer already set, are left out. */
    void copyMeta(CsvRows.Row row, ObjectNode target) {
        for (int i = 0; i < meta.size(); i++) {
            String value = row.cell(meta.get(i));
            if (value != null && !target.has(metaNames.get(i))) {
                target.put(metaNames.get(i), value);
            }
        }
    }
}
