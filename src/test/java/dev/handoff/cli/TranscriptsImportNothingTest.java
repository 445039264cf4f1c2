package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * transcripts import that gives no transcript: a usage error saying why, never an empty file
 * (which replay refuses) in place of the last good import.
 */
class TranscriptsImportNothingTest extends TranscriptsImportFixture {

    private static final String GOOD = "{\"id\":\"kept\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n";

    @Test
    void aSkipLabelThatLeavesOutEveryRowKeepsTheOutFileAndSaysWhy() throws IOException {
        write("ok.csv", "text,label\nI want a human,agent\n");
        write("keep.jsonl", GOOD);
        var r = run("--text-column", "text", "--label-column", "label", "--skip-label", "agent", "--out", "keep.jsonl", "ok.csv");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("handoff: no transcript came out of the import: 1 row read, all left out (1 row with a label in --skip-label)\n"
                + "  --skip-label agent leaves those out: check the labels it names; keep.jsonl is left as it was\n");
        assertThat(home.resolve("keep.jsonl")).hasContent(GOOD.strip());
        try (var files = java.nio.file.Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }

        var stdout = run("--text-column", "text", "--label-column", "label", "--skip-label", "agent", "ok.csv");
        assertThat(stdout.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(stdout.out()).isEmpty();
        assertThat(stdout.err()).startsWith("handoff: no transcript came out of the import: 1 row read, all left out")
                .doesNotContain("wrote 0").doesNotContain("left as it was");
    }

    @Test
    void aHeaderOnlyCsvIsNoImport() throws IOException {
        write("head.csv", "text,label\n");
        write("keep.jsonl", GOOD);
        var r = run("--text-column", "text", "--label-column", "label", "--out", "keep.jsonl", "head.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: no transcript came out of the import: head.csv held no rows (only a header, or empty)\n"
                + "  keep.jsonl is left as it was\n");
        assertThat(home.resolve("keep.jsonl")).hasContent(GOOD.strip());
    }

    @Test
    void everyLabelUnmappedUnderUnmappedSkipIsNoImport() throws IOException {
        write("ok.csv", "text,label\nI want a human,agent\nhello,greet\n");
        var r = run("--text-column", "text", "--label-column", "label", "--map", "human=asks_for_human", "--unmapped", "skip", "ok.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("handoff: no transcript came out of the import: 2 rows read, all left out (2 rows with an unmapped label)\n"
                + "  --unmapped skip leaves out every label not in --map: check --map and --label-column, or use --unmapped negative\n");

        var one = run("--text-column", "text", "--label-column", "label", "--map", "agent=asks_for_human", "--unmapped", "skip", "ok.csv");
        assertThat(one.exitCode()).as("one transcript is an import: " + one).isZero();
        assertThat(jsonl(one.out())).hasSize(1);
    }
}
