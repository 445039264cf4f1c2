package dev.handoff.transcript.importer;

import java.util.Map;

/**
 * What an import produced.
 *
 * @param skipped reasons a record was left out, with their counts, in the order first met
 */
public record ImportSummary(long records, long written, long handoff, long noHandoff, long unlabelled,
                            Map<String, Long> skipped) {

    /** One line for people: "wrote 1,398 transcripts (103 handoff, 1,295 no handoff) from 1,398 rows". */
    public String describe(String recordNoun, String destination) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("wrote %,d transcript%s", written, written == 1 ? "" : "s"));
        sb.append(String.format(" (%,d handoff, %,d no handoff", handoff, noHandoff));
        if (unlabelled > 0) {
            sb.append(String.format(", %,d unlabelled", unlabelled));
        }
        sb.append(')');
        if (destination != null) {
            sb.append(" to ").append(destination);
        }
        sb.append(String.format(" from %,d %s", records, counted(records, recordNoun)));
        if (!skipped.isEmpty()) {
            sb.append("; skipped: ");
            boolean first = true;
            for (var e : skipped.entrySet()) {
                sb.append(first ? "" : ", ").append(String.format("%,d %s", e.getValue(), counted(e.getValue(), e.getKey())));
                first = false;
            }
        }
        return sb.toString();
    }

    /**
     * Why an import gave no transcript, for the usage error that replaces the summary (a file of
     * none is one replay refuses, and writing it would wipe the last good import):
     * "no transcript came out of the import: 1 row read, all left out (1 row with a label in --skip-label)".
     *
     * @param inputs how the inputs are named, e.g. "ok.csv"
     */
    public String describeNothing(String recordNoun, String inputs) {
        String head = "no transcript came out of the import: ";
        if (records == 0) {
            return head + inputs + " held no " + recordNoun + (recordNoun.equals("rows") ? " (only a header, or empty)" : "");
        }
        String read = String.format("%,d %s read", records, counted(records, recordNoun));
        if (skipped.isEmpty()) {
            return head + read + ", none made a transcript";
        }
        StringBuilder why = new StringBuilder();
        skipped.forEach((reason, n) -> why.append(why.length() == 0 ? "" : ", ").append(String.format("%,d %s", n, counted(n, reason))));
        return head + read + ", all left out (" + why + ")";
    }

    /**
     * What to change, when the reasons say it: the labels left out by {@code --skip-label} or
     * {@code --unmapped skip}; null when they do not.
     */
    public String nothingHint(java.util.List<String> skipLabels) {
        java.util.List<String> hints = new java.util.ArrayList<>();
        if (skipped.keySet().stream().anyMatch(r -> r.endsWith("a label in --skip-label"))) {
            hints.add("--skip-label " + String.join(",", skipLabels) + " leaves those out: check the labels it names");
        }
        if (skipped.keySet().stream().anyMatch(r -> r.endsWith("an unmapped label"))) {
            hints.add("--unmapped skip leaves out every label not in --map: check --map and --label-column, or use --unmapped negative");
        }
        return hints.isEmpty() ? null : String.join("; ", hints);
    }

    /**
     * "1 row", "1 dialogue line", "1 conversation without a user message": the nouns are plural
     * ("rows with empty text"); for one, the part before "with"/"without" loses its "s".
     */
    static String counted(long n, String plural) {
        if (n != 1) {
            return plural;
        }
        int with = plural.indexOf(" with");
        String head = with < 0 ? plural : plural.substring(0, with);
        String tail = with < 0 ? "" : plural.substring(with);
        return head.endsWith("s") ? head.substring(0, head.length() - 1) + tail : plural;
    }
}
