package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.UserDirs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** transcripts import with several inputs, inputs that are outputs, and a reader that goes away. */
class TranscriptsImportInputsTest extends TranscriptsImportFixture {

    private void twoDataFiles() throws IOException {
        write("a/data.csv", "text,label\nhello,greet\n");
        write("b/data.csv", "text,label\nagent please,agent\n");
    }

    @Test
    void sameNamedFilesInTwoFoldersGetIdsAndMetaFilesThatTellThemApart() throws IOException {
        twoDataFiles();
        var r = run("--text-column", "text", "--label-column", "label", "--map", "agent=asks_for_human",
                "a/data.csv", "b/data.csv", "--out", "ab.jsonl");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(Files.readString(home.resolve("ab.jsonl")));
        assertThat(ts).extracting(t -> t.get("id").asText()).containsExactly("a/data-000001", "b/data-000001");
        assertThat(ts).extracting(t -> t.at("/meta/file").asText()).containsExactly("a/data.csv", "b/data.csv");

        var replay = new CliHarness(home).workDir(home).run("replay", "--classifier", "keywords", "--config",
                ReplayProject.resource("replay/scoring/support.yaml").toString(), "ab.jsonl");
        assertThat(replay.exitCode()).as("replay takes the output: " + replay).isZero();
    }

    @Test
    void withASourceTheIdsStillDifferAndAFileOfAnotherNameKeepsItsOwn() throws IOException {
        twoDataFiles();
        write("other.csv", "text,label\nhi,greet\n");
        var r = run("--text-column", "text", "--label-column", "label", "--source", "x", "a/data.csv", "b/data.csv", "other.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<JsonNode> ts = jsonl(r.out());
        assertThat(ts).extracting(t -> t.get("id").asText()).containsExactly("x-a/data-000001", "x-b/data-000001", "x-other-000001");
        assertThat(ts).extracting(t -> t.at("/meta/source").asText()).containsOnly("x");
        assertThat(ts).extracting(t -> t.at("/meta/file").asText()).containsExactly("a/data.csv", "b/data.csv", "other.csv");
    }

    @Test
    void outDashIsStdoutNotAFileNamedDash() throws IOException {
        write("x.csv", "text,label\nhello,greet\n");
        var r = run("--text-column", "text", "x.csv", "--out", "-");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).hasSize(1);
        assertThat(home.resolve("-")).doesNotExist();
    }

    @Test
    void filesThatDifferOnlyByExtensionAreNamedWithIt() throws IOException {
        write("x.csv", "text,label\nhello,greet\n");
        write("x.tsv", "text,label\nhi,greet\n");
        var r = run("--text-column", "text", "--delimiter", ",", "x.csv", "x.tsv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).extracting(t -> t.get("id").asText()).containsExactly("x.csv-000001", "x.tsv-000001");
    }

    @Test
    void theSameFileTwiceIsAUsageErrorBeforeAnythingIsWritten() throws IOException {
        twoDataFiles();
        var r = run("--text-column", "text", "a/data.csv", "./a/data.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("handoff: a/data.csv and ./a/data.csv are the same file\n").contains("name each file once");

        var twice = run("--text-column", "text", "a/data.csv", "a/data.csv");
        assertThat(twice.err()).startsWith("handoff: a/data.csv is named twice");
    }

    @Test
    void conversationIdsThatMeetAcrossFilesAreRefusedNamingBothPlaces() throws IOException {
        // "a" + "b-7" and "a-b" + "7" make the same id
        write("a.csv", "chat,text\nb-7,hello\n");
        write("a-b.csv", "chat,text\n7,hi\n");
        var r = run("--conversation-column", "chat", "--text-column", "text", "a.csv", "a-b.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: a-b.csv:2:1: duplicate transcript id 'a-b-7' (also at a.csv:2)\n")
                .contains("import those files separately, each with its own --id-prefix");
    }

    @Test
    void idsFromAColumnThatRepeatInAnotherFileAreRefused() throws IOException {
        write("one.csv", "id,text\nb-x1,hello\n");
        write("one-b.csv", "id,text\nx1,hi\n");
        var r = run("--id-column", "id", "--text-column", "text", "--id-prefix", "p-", "one.csv", "one-b.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: one-b.csv:2:1: duplicate transcript id 'p-one-b-x1' (also at one.csv:2)");
    }

    @Test
    void mapWithoutALabelColumnIsAUsageErrorSayingWhatToAdd() throws IOException {
        write("in.csv", "text,label\nagent please,agent\n");
        var r = run("--text-column", "text", "--map", "agent=asks_for_human", "in.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("handoff: --map needs --label-column: the column that holds the labels\n"
                + "  add --label-column NAME (its header, or its number: 1 = first), or leave out --map\n");

        var withDefault = run("--text-column", "text", "--default-label", "agent", "--map", "agent=asks_for_human", "in.csv");
        assertThat(withDefault.exitCode()).as("a default label gives every row a label to map").isZero();
        assertThat(jsonl(withDefault.out()).get(0).at("/expect/handoff").asBoolean()).isTrue();
    }

    @Test
    void anOutThatIsAnInputIsRefusedAndTheInputKept() throws IOException {
        write("self.csv", "text,label\nhello,greet\n");
        for (String out : List.of("self.csv", "./self.csv")) {
            var r = run("--text-column", "text", "--out", out, "self.csv");
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: --out " + out + ": is also an input (self.csv)");
        }
        try {
            Files.createSymbolicLink(home.resolve("link.csv"), Path.of("self.csv"));
            var viaLink = run("--text-column", "text", "--out", "link.csv", "self.csv");
            assertThat(viaLink.exitCode()).isEqualTo(ExitCode.USAGE);
        } catch (UnsupportedOperationException e) {
            // no symbolic links here: the other spellings were checked
        }
        assertThat(Files.readString(home.resolve("self.csv"))).isEqualTo("text,label\nhello,greet\n");
    }

    @Test
    void aTruncatedClincFileNamesFileLineAndColumnInWords() throws IOException {
        write("c.json", "{\"train\": [[\"hello\", \"greet\"]\n");
        var r = run("--format", "clinc", "--map", "oos=lack_of_knowledge", "c.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("handoff: c.json:2:1: malformed JSON: the file ends before the list that starts at line 1, column 11 is closed with ']'")
                .doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("marker");
    }

    /** Counts what was read, so a test sees that reading stopped. */
    private static final class CountingInput extends InputStream {
        private final byte[] data;
        int read;

        CountingInput(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return read < data.length ? data[read++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= data.length) {
                return -1;
            }
            int n = Math.min(len, data.length - read);
            System.arraycopy(data, read, b, off, n);
            read += n;
            return n;
        }
    }

    @Test
    void aReaderThatGoesAwayStopsTheImportAtOnceWithoutASuccessSummary() {
        StringBuilder csv = new StringBuilder("text,label\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append("message number ").append(i).append(" about my order,other\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CountingInput stdin = new CountingInput(bytes);
        int[] accepted = {0};
        // what `| head -1` does: the first write goes through, then every write fails
        Writer pipe = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                if (accepted[0] > 0) {
                    throw new IOException("Broken pipe");
                }
                accepted[0] += len;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), UserDirs.from(Map.of(), home), home, stdin, false);
        int code = Main.run(ctx, new PrintWriter(pipe, true), new PrintWriter(err, true),
                new String[]{"transcripts", "import", "--text-column", "text", "--label-column", "label", "-"});
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).doesNotContain("wrote").isEqualTo("handoff: could not write the output (disk full, or stdout closed)\n");
        assertThat(stdin.read).as("reading stopped soon after the first failed write").isLessThan(bytes.length / 10);
    }

    @Test
    void stdinTwiceIsAUsageError() {
        var r = new CliHarness(home).workDir(home).interactive(false, "text\nhi\n")
                .run("transcripts", "import", "--text-column", "text", "-", "-");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: '-' (stdin) is named twice");
    }

    /** A named pipe fed by a thread, as {@code <(cat p.csv)} is by the shell. */
    private Path pipe(String name, byte[] content) throws Exception {
        Path fifo = home.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor()).as("mkfifo").isZero();
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write(content);
            } catch (IOException e) {
                // the reader went away: the test's assertions say what matters
            }
        });
        writer.setDaemon(true);
        writer.start();
        return fifo;
    }

    @Test
    void aPipeIsReadOnceLikeAFile() throws Exception {
        // Files.newInputStream's available() seeks, and a pipe refused it: "cannot read: Illegal seek"
        pipe("p.csv", "sentence,label\nhi,agent\nthanks,bye\n".getBytes(StandardCharsets.UTF_8));
        var r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> run("--text-column", "sentence", "--label-column", "label", "--map", "agent=asks_for_human",
                        "--source", "piped", "p.csv"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(jsonl(r.out())).extracting(t -> t.get("id").asText()).containsExactly("piped-000001", "piped-000002");
        assertThat(jsonl(r.out()).get(0).at("/expect/handoff").asBoolean()).isTrue();
    }

    @Test
    void aBadByteInAPipeIsPlacedWithoutReadingThePipeAgain() throws Exception {
        // reading a pipe a second time to find the byte would wait for a writer that never comes; the
        // decoder fills its buffer far ahead of the parser, so the parser's position is no help either
        StringBuilder csv = new StringBuilder("text\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("ordinary row number ").append(i).append('\n');
        }
        csv.append("a caf\u00e9 \u00fcber alles\n");
        pipe("latin1.csv", csv.toString().getBytes(StandardCharsets.ISO_8859_1));
        var r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> run("--text-column", "text", "latin1.csv"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: latin1.csv:3002:6: not UTF-8 text");
    }

    @Test
    void aUtf16ExportWithAByteOrderMarkIsNamedAsUtf16WithTheIconvThatConvertsIt() throws Exception {
        // Excel's "Unicode Text": read as UTF-8 it was "not UTF-8 text" with advice to convert from LATIN1, which gives NULs
        Files.write(home.resolve("u16.csv"), "sentence,label\nI want a human,AGENT\n".getBytes(StandardCharsets.UTF_16));
        var r = run("--text-column", "sentence", "--label-column", "label", "u16.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: u16.csv:1:1: this file is UTF-16, not UTF-8\n"
                + "  convert it with iconv -f UTF-16 -t UTF-8 u16.csv > u16.utf8.csv\n");
    }

    @Test
    void aUtf16ExportWithoutAByteOrderMarkIsToldByItsNulsNotTakenForAWrongDelimiter() throws Exception {
        Files.write(home.resolve("u16le.csv"), "sentence,label\nI want a human,AGENT\n".getBytes(StandardCharsets.UTF_16LE));
        var r = run("--text-column", "sentence", "--label-column", "label", "u16le.csv");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: u16le.csv:1:1: this file is UTF-16, not UTF-8\n"
                + "  convert it with iconv -f UTF-16LE -t UTF-8 u16le.csv > u16le.utf8.csv").doesNotContain("--delimiter");
    }
}
