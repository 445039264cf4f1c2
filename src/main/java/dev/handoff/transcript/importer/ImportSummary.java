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
        sb.append(String.format(" from %,d %s", records, recordNoun));
        if (!skipped.isEmpty()) {
            sb.append("; skipped: ");
            boolean first = true;
            for (var e : skipped.entrySet()) {
                sb.append(first ? "" : ", ").append(String.format("%,d %s", e.getValue(), e.getKey()));
                first = false;
            }
        }
        return sb.toString();
    }
}
