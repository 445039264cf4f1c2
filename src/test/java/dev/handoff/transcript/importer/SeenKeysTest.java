package dev.handoff.transcript.importer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeenKeysTest {

    @Test
    void remembersEveryKeyWithItsFirstLineAcrossGrowth() {
        SeenKeys seen = new SeenKeys();
        for (int i = 1; i <= 50_000; i++) {
            seen.add("conversation-" + i, i + 1);
        }
        seen.add("conversation-7", 999);
        assertThat(seen.lineOf("conversation-7")).as("the first line is kept").isEqualTo(8);
        assertThat(seen.lineOf("conversation-50000")).isEqualTo(50_001);
        assertThat(seen.lineOf("conversation-50001")).isZero();
        assertThat(seen.lineOf("")).isZero();
        seen.add("", 3);
        assertThat(seen.lineOf("")).isEqualTo(3);
    }
}
