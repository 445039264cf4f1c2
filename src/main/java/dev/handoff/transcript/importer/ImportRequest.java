package dev.handoff.transcript.importer;

import dev.handoff.error.HandoffException;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code handoff transcripts import} was asked to do.
 *
 * @param source   written into every transcript's {@code meta.source}; null: the input file's name without extension
 * @param idPrefix put before every id; null: {@code <source>-}
 * @param splits   CLINC splits to import; empty: all of them
 * @param limit    stop after this many transcripts; 0: no limit (the CLI takes 1 or more, or no --limit)
 */
public record ImportRequest(ImportFormat format, List<ImportInput> inputs, CsvLayout csv, LabelRules labels,
                            String source, String idPrefix, List<String> splits, UssRules uss, long limit,
                            int sampleEvery) {

    /**
     * Which columns of a delimited export mean what. A column is named by its header or, when
     * the name is a number that is not a header, by its 1-based position.
     *
     * @param conversationColumn null: every row is its own one-message transcript
     * @param roleColumn         null: every row is a user message
     * @param orderColumn        null: rows of a conversation keep their file order
     * @param idColumn           null: ids are made from the row number (or the conversation id)
     */
    public record CsvLayout(String textColumn, String labelColumn, String conversationColumn, String roleColumn,
                            String orderColumn, String idColumn, List<String> metaColumns, char delimiter,
                            boolean header) {

        public static CsvLayout of(String textColumn, String labelColumn) {
            return new CsvLayout(textColumn, labelColumn, null, null, null, null, List.of(), ',', true);
        }
    }

    /**
     * @param defaultLabel used when a label cell is empty; null: such a row (or conversation) is unlabelled
     * @param skipLabels   labels whose rows are left out (ambiguous labels that would be wrong either way)
     */
    public record LabelRules(LabelMapping mapping, String defaultLabel, UnmappedPolicy unmapped, List<String> skipLabels) {

        public LabelRules {
            skipLabels = skipLabels == null ? List.of() : List.copyOf(skipLabels);
        }

        public static LabelRules of(LabelMapping mapping) {
            return new LabelRules(mapping, null, UnmappedPolicy.NEGATIVE, List.of());
        }
    }

    /**
     * @param maxRating a user turn whose mean rating is at most this is the frustration turn
     * @param criterion the criterion expected at that turn
     */
    public record UssRules(double maxRating, String criterion) {

        public static final UssRules DEFAULT = new UssRules(2.0, "user_frustration");
    }

    public ImportRequest {
        inputs = InputNames.assign(inputs);
        splits = splits == null ? List.of() : List.copyOf(splits);
        labels = labels == null ? LabelRules.of(LabelMapping.empty()) : labels;
        uss = uss == null ? UssRules.DEFAULT : uss;
    }

    /** Refuses options that do not apply to the format, so a typo is not silently ignored. */
    public ImportRequest checked() {
        if (inputs.isEmpty()) {
            throw HandoffException.usage("no input file", "name the export to import, or '-' for stdin");
        }
        if (limit < 0) {
            throw HandoffException.usage("--limit must be 0 (no limit) or more, not " + limit, null);
        }
        if (sampleEvery < 1) {
            throw HandoffException.usage("--sample-every must be 1 or more, not " + sampleEvery, null);
        }
        ImportNames.checkOption("--id-prefix", idPrefix);
        if (idPrefix == null) {
            ImportNames.checkOption("--source (ids start with it)", source);
        }
        for (String criterion : labels.mapping().criteria()) {
            ImportNames.checkOption("--map: a criterion", criterion);
        }
        if (format == ImportFormat.USS) {
            ImportNames.checkOption("--criterion", uss.criterion());
        }
        List<String> misplaced = new ArrayList<>();
        switch (format) {
            case CSV -> {
                if (csv == null || csv.textColumn() == null || csv.textColumn().isBlank()) {
                    throw HandoffException.usage("--format csv needs --text-column",
                            "for example: --text-column sentence --label-column label --map CHAT_WITH_AGENT=asks_for_human");
                }
                if (!splits.isEmpty()) {
                    misplaced.add("--split");
                }
                if (!uss.equals(UssRules.DEFAULT)) {
                    misplaced.add("--max-rating/--criterion");
                }
                boolean grouped = csv.conversationColumn() != null;
                if (!grouped && (csv.roleColumn() != null || csv.orderColumn() != null)) {
                    throw HandoffException.usage("--role-column and --order-column need --conversation-column",
                            "they describe the rows of a conversation; name the column that groups rows into conversations");
                }
                if (grouped && csv.idColumn() != null) {
                    misplaced.add("--id-column (the conversation column is the id)");
                }
                List<String> labelRules = new ArrayList<>();
                if (!labels.mapping().isEmpty()) {
                    labelRules.add("--map");
                }
                if (!labels.skipLabels().isEmpty()) {
                    labelRules.add("--skip-label");
                }
                if (labels.unmapped() != UnmappedPolicy.NEGATIVE) {
                    labelRules.add("--unmapped");
                }
                if (!labelRules.isEmpty() && (csv.labelColumn() == null || csv.labelColumn().isBlank()) && labels.defaultLabel() == null) {
                    // without a label column every row is unlabelled, so the mapping would silently do nothing
                    throw HandoffException.usage(String.join(", ", labelRules) + (labelRules.size() == 1 ? " needs" : " need")
                                    + " --label-column: the column that holds the labels",
                            "add --label-column NAME (its header, or its number: 1 = first), or leave out " + String.join(", ", labelRules));
                }
            }
            case CLINC -> {
                csvOptionsMisplaced(misplaced);
                if (!uss.equals(UssRules.DEFAULT)) {
                    misplaced.add("--max-rating/--criterion");
                }
            }
            case USS -> {
                csvOptionsMisplaced(misplaced);
                if (!splits.isEmpty()) {
                    misplaced.add("--split");
                }
                if (!labels.mapping().isEmpty() || labels.defaultLabel() != null || !labels.skipLabels().isEmpty()) {
                    misplaced.add("--map/--default-label/--skip-label (USS labels come from the ratings: see --max-rating)");
                }
                if (uss.maxRating() < 1 || uss.maxRating() > 5) {
                    throw HandoffException.usage("--max-rating must be between 1 and 5, not " + uss.maxRating(),
                            "USS ratings run from 1 (very dissatisfied) to 5");
                }
            }
        }
        if (!misplaced.isEmpty()) {
            throw HandoffException.usage("--format " + format.id() + " does not use " + String.join(", ", misplaced),
                    "leave those options out, or pick the format they belong to (see 'handoff transcripts import --help')");
        }
        return this;
    }

    private void csvOptionsMisplaced(List<String> misplaced) {
        if (csv == null) {
            return;
        }
        if (csv.textColumn() != null || csv.labelColumn() != null || csv.conversationColumn() != null
                || csv.roleColumn() != null || csv.orderColumn() != null || csv.idColumn() != null
                || !csv.metaColumns().isEmpty()) {
            misplaced.add("column options (--text-column, --label-column, ...)");
        }
    }

    String sourceFor(ImportInput input) {
        return source != null && !source.isBlank() ? source : input.stem();
    }

    /**
     * The id prefix; with several inputs the file's name is added so that row numbers cannot
     * collide (the path's end when two inputs share a file name: {@link InputNames}).
     */
    String idPrefixFor(ImportInput input) {
        String prefix = idPrefix != null ? idPrefix : sourceFor(input) + "-";
        boolean fileAlreadyNamed = source == null && idPrefix == null;
        return inputs.size() > 1 && !fileAlreadyNamed ? prefix + input.stem() + "-" : prefix;
    }
}
