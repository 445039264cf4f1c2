package dev.handoff.transcript.importer;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportSummaryTest {

    @Test
    void oneRecordAndOneSkippedAreSingular() {
        Map<String, Long> skipped = new LinkedHashMap<>();
        skipped.put("rows with empty text", 1L);
        skipped.put("conversations without a user message", 2L);
        skipped.put("left out by --sample-every", 1L);
        assertThat(new ImportSummary(1, 1, 1, 0, 0, Map.of()).describe("rows", null))
                .isEqualTo("wrote 1 transcript (1 handoff, 0 no handoff) from 1 row");
        assertThat(new ImportSummary(1, 0, 0, 0, 0, skipped).describe("dialogue lines", null))
                .isEqualTo("wrote 0 transcripts (0 handoff, 0 no handoff) from 1 dialogue line; skipped: 1 row with empty text, "
                        + "2 conversations without a user message, 1 left out by --sample-every");
        assertThat(new ImportSummary(2, 2, 1, 1, 0, Map.of()).describe("items", "out.jsonl"))
                .isEqualTo("wrote 2 transcripts (1 handoff, 1 no handoff) to out.jsonl from 2 items");
    }
}
