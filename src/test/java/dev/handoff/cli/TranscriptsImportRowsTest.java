package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** transcripts import: rows and headers whose shape does not fit the options. */
class TranscriptsImportRowsTest extends TranscriptsImportFixture {

    @Test
    void aRowWithMoreCellsThanTheHeaderIsRefusedAtTheFirstExtraCell() throws IOException {
        // the unquoted comma made "now" the label and "agent" a third cell
        write("comma.csv", "sentence,label\nI want a human, now,agent\n");
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "agent=asks_for_human", "comma.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("handoff: comma.csv:2:21: the row has 3 columns but the header has 2\n"
                + "  check the delimiter and the quoting of this row (an unquoted comma splits a value; a missing one joins two)\n");
    }

    @Test
    void emptyCellsPastTheHeaderShiftNothingAndAreAccepted() throws IOException {
        write("trailing.csv", "sentence,label\nI want a human,agent,\nhello,greet,,\n");
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "agent=asks_for_human", "trailing.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).extracting(t -> t.at("/meta/label").asText()).containsExactly("agent", "greet");
    }

    @Test
    void aCellOfSpacesPastTheHeaderIsTypedTextAndRefused() throws IOException {
        // "hello, world, " split at both commas: the label column read " world"
        write("spaces.csv", "sentence,label\nhello, world, \n");
        var r = run("--text-column", "sentence", "--label-column", "label", "spaces.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: spaces.csv:2:14: the row has 3 columns but the header has 2\n");
    }

    @Test
    void withoutAHeaderAMetaColumnPastTheRowIsAnErrorNotAnEmptyCopy() throws IOException {
        write("twocols.csv", "hello there,X\nspeak to a human,H\n");
        var r = run("--no-header", "--text-column", "1", "--label-column", "2", "--meta-column", "9", "--map", "H=asks_for_human",
                "twocols.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("twocols.csv:1:").contains("the row has 2 columns but --meta-column is column 9");
    }

    @Test
    void withoutAHeaderTheFirstRowSetsTheWidth() throws IOException {
        write("nohead.csv", "t-1;hello there;X\nt-2;speak to a human;now;H\n");
        var r = run("--no-header", "--delimiter", ";", "--id-column", "1", "--text-column", "2", "--label-column", "3",
                "--map", "H=asks_for_human", "nohead.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: nohead.csv:2:26: the row has 4 columns but the first row (there is no header) has 3\n");
    }

    @Test
    void columnsCountCharactersAsAnEditorDoesInEveryFormat() throws IOException {
        // two emoji before each problem: one column each, as in YAML (Jackson counts two)
        String emoji = "\uD83D\uDE00\uD83D\uDE00";
        write("col.csv", "sentence,label\n" + emoji + ",nolabel\n");
        var csv = run("--text-column", "sentence", "--label-column", "label", "--map", "a=b", "--unmapped", "error", "col.csv");
        assertThat(csv.err()).startsWith("handoff: col.csv:2:4: label 'nolabel' is not in --map");

        write("quote.csv", "sentence,label\n" + emoji + ",\"agent\"x\n");
        var quote = run("--text-column", "sentence", "--label-column", "label", "quote.csv");
        assertThat(quote.err()).as("the stray x, after the closing quote").startsWith("handoff: quote.csv:2:12: malformed CSV");

        write("c.json", "{\"train\": [[\"" + emoji + "\", \"x\"], [\"hi\"]]}");
        var clinc = run("--format", "clinc", "c.json");
        assertThat(clinc.err()).startsWith("handoff: c.json:1:25: expected a [text, intent] pair of two strings");

        write("uss.txt", "USER\t" + emoji + " hello\t\tx\n");
        var uss = run("--format", "uss", "uss.txt");
        assertThat(uss.err()).startsWith("handoff: uss.txt:1:16: rating 'x' is not a whole number from 1 to 5");
    }

    @Test
    void aTextOverTheLimitIsNotGivenALengthTheReaderNeverCounted() throws IOException {
        // the reader stops just past the limit: it said "20,051,112 characters" of a 30,000,000-character cell
        try (var w = Files.newBufferedWriter(home.resolve("huge.csv"))) {
            w.write("sentence,label\n\"");
            String chunk = "x".repeat(1_000_000);
            for (int i = 0; i < 30; i++) {
                w.write(chunk);
            }
            w.write("\",agent\n");
        }
        var r = run("--text-column", "sentence", "--label-column", "label", "huge.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: huge.csv:2:1: malformed CSV: a text is too long: more than the limit of 20,000,000 characters")
                .doesNotContain("20,05");
    }

    @Test
    void limitZeroIsRefusedLikeSampleEveryZeroAndNoLimitIsNoOption() throws IOException {
        write("three.csv", "sentence\na\nb\nc\n");
        var zero = run("--text-column", "sentence", "--limit", "0", "three.csv");
        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.out()).as("it imported everything").isEmpty();
        assertThat(zero.err()).isEqualTo("handoff: --limit must be 1 or more, not 0\n  leave --limit out to import everything\n");
        assertThat(run("--text-column", "sentence", "--sample-every", "0", "three.csv").err())
                .startsWith("handoff: --sample-every must be 1 or more, not 0");

        assertThat(jsonl(run("--text-column", "sentence", "three.csv").out())).hasSize(3);
        assertThat(jsonl(run("--text-column", "sentence", "--limit", "2", "three.csv").out())).hasSize(2);
        assertThat(run("--help").out()).contains("Stop after N transcripts, N >= 1 (default: no limit)");
    }
}
