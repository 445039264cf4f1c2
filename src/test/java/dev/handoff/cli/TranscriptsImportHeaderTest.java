package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** transcripts import: the header row, the columns options name in it, and files that have none. */
class TranscriptsImportHeaderTest extends TranscriptsImportFixture {

    @Test
    void aJsonFileGivenAsCsvIsNamedAsJsonInTwoShortLines() throws IOException {
        // CLINC150's layout: its first "CSV line" is the whole file
        String item = "[\"what expression would i use to say i love you if i were an italian\", \"translate\"]";
        write("data_dev.json", "{\"train\": [" + String.join(", ", java.util.Collections.nCopies(5_000, item)) + "]}");
        var r = run("--text-column", "sentence", "--label-column", "label", "--map", "a=b", "data_dev.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: data_dev.json:1:1: the file is JSON (it starts with '{'), not CSV\n"
                + "  for CLINC150 data pass --format clinc; a transcript JSONL file needs no import ('handoff replay' reads it); "
                + "other JSON: convert it to CSV first (jq's @csv)\n");

        write("t.jsonl", "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n");
        var jsonl = run("--text-column", "1", "t.jsonl");
        assertThat(jsonl.err()).as("numbered columns would have imported junk").startsWith("handoff: t.jsonl:1:1: the file is JSON");
    }

    @Test
    void aFileThatOnlyStartsLikeJsonSaysSoWhenAColumnIsMissing() throws IOException {
        write("list.csv", "[1, 2]\n");
        var r = run("--text-column", "sentence", "list.csv");
        assertThat(r.err()).startsWith("handoff: list.csv:1:1: --text-column 'sentence': no such column, and the file starts like JSON, not CSV\n");
    }

    @Test
    void controlCharactersInTheHeaderAreShownEscapedLikeInEveryOtherMessage() throws IOException {
        write("u.csv", "r\u001B[31med,la\tb\nx,y\n");
        var r = run("--text-column", "text", "u.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'r\\u001B[31med', 'la\\u0009b'").doesNotContain("\u001B");

        // leading and trailing control characters belong to the name too: trimmed, 'text' looked like a match
        write("lead.csv", "\u001Btext\u0007,label\nx,y\n");
        var lead = run("--text-column", "text", "lead.csv");
        assertThat(lead.exitCode()).as(lead.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(lead.err()).contains("'\\u001Btext\\u0007'").doesNotContain("\u001B");
    }

    @Test
    void aLongHeaderIsShownCutShort() throws IOException {
        String header = IntStream.range(0, 100).mapToObj(i -> "column_" + i + "_" + "x".repeat(100)).collect(Collectors.joining(","));
        write("wide.csv", header + "\n");
        var r = run("--text-column", "sentence", "wide.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        String x39 = "x".repeat(39 - "column_0_".length());
        assertThat(r.err()).startsWith("handoff: wide.csv:1:1: --text-column 'sentence': no such column; the header has: 'column_0_"
                + x39 + "…', 'column_1_" + x39 + "…', ").contains("… 95 more\n");
        assertThat(r.err().length()).isLessThan(400);
    }

    @Test
    void theWrongFileGivenIsNotQuotedWhenItsFirstLineHoldsASecret() throws IOException {
        write(".env", "OPENAI_API_KEY=sk-proj-EnvF1le5ecretAb3Cd5\n");
        write("git-credentials", "https://alice:ghp_Gh1tHubT0kenAbCdEf123456@github.com\n");
        for (String file : new String[] {".env", "git-credentials"}) {
            var r = run("--text-column", "text", file);
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("no such column").contains("not shown")
                    .doesNotContain("sk-proj").doesNotContain("ghp_").doesNotContain("EnvF1le5");
        }
    }

    @Test
    void aDuplicateHeaderNameThatAnOptionUsesIsAnErrorNamingBothColumns() throws IOException {
        write("dup.csv", "sentence,sentence\nhi,agent\n");
        var r = run("--text-column", "sentence", "--label-column", "2", "dup.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: dup.csv:1:1: --text-column 'sentence': the header has 'sentence' 2 times, in columns 1 and 2\n"
                + "  rename one of them in the header, or name the column by its number (1 = first)\n");

        write("case.csv", "Text,TEXT\nhi,there\n");
        var ignoringCase = run("--text-column", "text", "case.csv");
        assertThat(ignoringCase.err()).startsWith("handoff: case.csv:1:1: --text-column 'text': the header has that name (ignoring case) "
                + "2 times, in columns 1 and 2");

        var byNumber = run("--text-column", "2", "dup.csv");
        assertThat(byNumber.exitCode()).as(byNumber.toString()).isZero();
        assertThat(jsonl(byNumber.out()).get(0).at("/messages/0/text").asText()).isEqualTo("agent");
    }

    @Test
    void aDuplicateHeaderNameNoOptionUsesIsAWarning() throws IOException {
        write("notes.csv", "text,notes,label,notes\nhi,a,greet,b\n");
        var r = run("--text-column", "text", "--label-column", "label", "notes.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).startsWith("handoff: warning: notes.csv:1:1: the header has 'notes' 2 times, in columns 2 and 4; "
                + "only its number (1 = first) can name one of them\n");
        assertThat(jsonl(r.out())).hasSize(1);
    }

    @Test
    void aMetaColumnNamedLikeImportsOwnMetaKeysIsAUsageError() throws IOException {
        write("own.csv", "text,label,file,source\nhi,greet,a.wav,web\n");
        var r = run("--text-column", "text", "--label-column", "label", "--meta-column", "file,source,label", "own.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("handoff: --meta-column 'file': meta.file is import's own (the input file's name)\n"
                + "  leave it out, or rename that column in the header to keep it; import's own meta keys: source, file, line, label\n");

        var unlabelled = run("--text-column", "text", "--meta-column", "label", "own.csv");
        assertThat(unlabelled.exitCode()).as("without a label column, meta.label is free: " + unlabelled).isZero();
        assertThat(jsonl(unlabelled.out()).get(0).at("/meta/label").asText()).isEqualTo("greet");
    }
}
