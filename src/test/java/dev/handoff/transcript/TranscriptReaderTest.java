package dev.handoff.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TranscriptReaderTest {

    static Path resource(String name) {
        try {
            return Path.of(TranscriptReaderTest.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<ReadResult> readAll(Path input, String shown, LabelCheck labels) {
        List<ReadResult> out = new ArrayList<>();
        try (TranscriptReader r = TranscriptReader.open(List.of(input), List.of(Path.of(shown)), labels)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    static String problem(String file) {
        List<ReadResult> r = readAll(resource("bad/" + file), "bad/" + file, null);
        assertThat(r).hasSize(1);
        assertThat(r.get(0)).isInstanceOf(ReadResult.Bad.class);
        return ((ReadResult.Bad) r.get(0)).problem().describe();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing-id.yaml                 | bad/missing-id.yaml:1:1: 'id' is missing
            no-messages.yaml                | bad/no-messages.yaml:2:1: transcript 'no-messages': messages: is empty
            bad-role.yaml                   | bad/bad-role.yaml:5:5: transcript 'bad-role': messages[1].role: 'bot' is not a role (user, assistant, operator, system)
            text-missing-without-media.yaml | bad/text-missing-without-media.yaml:3:5: transcript 'text-missing': messages[0].text: is missing (required unless 'media' is set)
            bad-media.yaml                  | bad/bad-media.yaml:4:5: transcript 'bad-media': messages[0].media: 'sticker' is not a media kind (image, audio, video, file)
            timestamp-without-zone.yaml     | bad/timestamp-without-zone.yaml:2:1: transcript 'no-zone': started_at: '2025-09-19T12:30:00' has no time zone
            timestamps-out-of-order.yaml    | bad/timestamps-out-of-order.yaml:8:5: transcript 'out-of-order': messages[1].at: 2025-09-19T12:29:00Z is before messages[0].at (2025-09-19T12:30:00Z)
            expect-without-handoff.yaml     | bad/expect-without-handoff.yaml:5:1: transcript 'expect-without-handoff': expect.handoff: is missing
            turn-zero.yaml                  | bad/turn-zero.yaml:7:3: transcript 'turn-zero': expect.turn: is 0; user turns count from 1
            turn-beyond-user-turns.yaml     | bad/turn-beyond-user-turns.yaml:11:3: transcript 'turn-beyond': expect.turn: is 3 but the transcript has only 2 user turns
            unknown-field.yaml              | bad/unknown-field.yaml:5:1: transcript 'unknown-field': expected: unknown field; did you mean 'expect'?
            malformed.yaml                  | bad/malformed.yaml:5:1: malformed YAML: found unexpected end of stream (while scanning a quoted scalar started at line 4)
            line-separator-in-plain-text.yaml | bad/line-separator-in-plain-text.yaml:4:39: malformed YAML: expected <block end>, but found '<block mapping start>' (while parsing a block mapping started at line 1)
            duplicate-key.yaml              | bad/duplicate-key.yaml:2:1: malformed YAML: duplicate key 'id' (first at line 1)
            text-without-value.yaml         | bad/text-without-value.yaml:4:5: transcript 'text-without-value': messages[0].text: is empty (and no 'media' is set)
            id-with-lone-surrogate.jsonl    | bad/id-with-lone-surrogate.jsonl:1:2: id: contains U+D800, half of a UTF-16 surrogate pair, at position 2
            id-with-noncharacter.jsonl      | bad/id-with-noncharacter.jsonl:1:2: id: contains the Unicode noncharacter U+FFFF at position 3
            text-with-half-an-emoji.jsonl   | bad/text-with-half-an-emoji.jsonl:1:40: transcript 'cut': messages[0].text: contains U+D83D, half of a UTF-16 surrogate pair, at position 12
            meta-with-half-an-emoji.jsonl   | bad/meta-with-half-an-emoji.jsonl:1:20: transcript 'm1': meta.note: contains U+D83D, half of a UTF-16 surrogate pair, at position 5
            """)
    void badTranscriptsNameFileLineColumnAndField(String file, String message) {
        assertThat(problem(file)).isEqualTo(message);
    }

    @Test
    void aLineSeparatorThatBreaksTheYamlIsNamedWithItsPosition() {
        List<ReadResult> r = readAll(resource("bad/line-separator-in-plain-text.yaml"), "bad/line-separator-in-plain-text.yaml", null);
        assertThat(((ReadResult.Bad) r.get(0)).problem().hint()).startsWith("line 4, column 37 holds a line separator (U+2028)");
    }

    @Test
    void jsonlProblemsNameTheLineAndGoOnWithTheNextLine() {
        List<ReadResult> r = readAll(resource("bad/lines.jsonl"), "bad/lines.jsonl", null);
        List<String> described = r.stream().map(x -> x instanceof ReadResult.Bad b ? b.problem().describe()
                : "ok " + ((ReadResult.Read) x).transcript().id() + " " + ((ReadResult.Read) x).transcript().source()).toList();
        assertThat(described).containsExactly(
                "ok ok-1 bad/lines.jsonl:1",
                "bad/lines.jsonl:3:2: transcript 'ok-1': id: duplicate: an earlier transcript in this run has the same id (bad/lines.jsonl:1)",
                "bad/lines.jsonl:4:58: malformed JSON: the line ends before the list that starts at column 27 is closed with ']'",
                "bad/lines.jsonl:5:17: transcript 'no-user': messages: has no message with role 'user'",
                "bad/lines.jsonl:6:101: transcript 'criteria-without-handoff': expect.criteria: is set but expect.handoff is false",
                "ok ok-2 bad/lines.jsonl:7");
        assertThat(r).extracting(ReadResult::ordinal).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void jsonlColumnsCountCharactersAsAnEditorDoesAsYamlColumnsDo() {
        // each emoji is one column (two UTF-16 units): the role is at column 53, the stray '}' at 52
        List<ReadResult> r = readAllText("""
                {"id":"j8","messages":[{"role":"user","text":"\uD83D\uDE00\uD83D\uDE00"},{"role":"bot","text":"hi"}]}
                {"id":"m","messages":[{"role":"user","text":"\uD83D\uDE00\uD83D\uDE00"}],}
                """, null);
        assertThat(r).extracting(x -> ((ReadResult.Bad) x).problem().describe()).containsExactly(
                "in.jsonl:1:53: transcript 'j8': messages[1].role: 'bot' is not a role (user, assistant, operator, system)",
                "in.jsonl:2:52: malformed JSON: Unexpected character '}': was expecting double-quote to start field name");
    }

    @Test
    void aLineOfTextWhereATranscriptShouldBeIsNotQuoted() {
        // a KEY=VALUE note in the transcripts folder: its message reaches the JSON report and the JUnit file
        List<ReadResult> r = readAllText("\"DATABASE_URL=postgres://u:YmlScalarPw_99@h/db\"\n", null);
        assertThat(((ReadResult.Bad) r.get(0)).problem().describe())
                .contains("a transcript must be a mapping with 'id' and 'messages', found one line of text (45 characters)")
                .doesNotContain("YmlScalarPw");
        List<ReadResult> field = readAllText("{\"id\":\"x\",\"messages\":\"sk-proj-MsgString5ecret55-and-more\"}\n", null);
        assertThat(((ReadResult.Bad) field.get(0)).problem().describe()).contains("found a text of 34 characters")
                .doesNotContain("sk-proj");
    }

    @Test
    void aRepeatedKeyInAJsonlLineIsPlacedAtTheKey() {
        List<ReadResult> r = readAllText("""
                {"id":"j14","messages":[{"role":"user","text":"\uD83D\uDE00"}],"id":"x"}
                """, null);
        assertThat(((ReadResult.Bad) r.get(0)).problem().describe())
                .isEqualTo("in.jsonl:1:53: malformed JSON: duplicate key 'id' (first at column 2)");
    }

    @Test
    void notUtf8IsReportedWithItsLineAndColumn() {
        List<ReadResult> r = readAll(resource("bad/not-utf8.jsonl"), "bad/not-utf8.jsonl", null);
        assertThat(r).hasSize(1);
        TranscriptProblem p = ((ReadResult.Bad) r.get(0)).problem();
        assertThat(p.describe()).isEqualTo("bad/not-utf8.jsonl:1:54: not valid UTF-8 (byte 0xE9)");
        assertThat(p.hint()).startsWith("save the file as UTF-8");
    }

    private static final String GOOD = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hi \uD83D\uDE00\"}],\"expect\":{\"handoff\":false}}\n";

    private List<String> readBytes(byte[] jsonl) {
        try {
            Path f = tmp.resolve("bytes.jsonl");
            Files.write(f, jsonl);
            return readAll(f, "b.jsonl", null).stream().map(x -> x instanceof ReadResult.Bad b ? b.problem().describe()
                    : "ok " + ((ReadResult.Read) x).transcript().source()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aBadByteSpoilsOnlyItsLineTheLinesBeforeAndAfterItAreRead() {
        // the tester's case (P19): an invalid byte on line 4 of 8 was reported at line 1 and lines 1-3 were never read
        List<String> r = readBytes(bytes(GOOD.formatted("a1"), GOOD.formatted("a2"), GOOD.formatted("a3"),
                "{\"id\":\"x", new byte[] {(byte) 0xC3, 0x28}, "y\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n",
                GOOD.formatted("a5"), GOOD.formatted("a6"), GOOD.formatted("a7"), GOOD.formatted("a8")));
        assertThat(r).containsExactly("ok b.jsonl:1", "ok b.jsonl:2", "ok b.jsonl:3",
                "b.jsonl:4:9: not valid UTF-8 (byte 0xC3)",
                "ok b.jsonl:5", "ok b.jsonl:6", "ok b.jsonl:7", "ok b.jsonl:8");
    }

    @Test
    void aBadByteOnTheLastOfThousandsOfLinesLosesNoLineBeforeIt() {
        // the tester's case (P19): 148 good lines (a decoder buffer's worth) before it vanished, and line 2853 was named
        var text = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            text.append(GOOD.formatted("id" + i));
        }
        List<String> r = readBytes(bytes(text, new byte[] {(byte) 0xFF, '\n'}));
        assertThat(r).hasSize(3001);
        assertThat(r.subList(0, 3000)).allMatch(x -> x.startsWith("ok "));
        assertThat(r.get(2999)).isEqualTo("ok b.jsonl:3000");
        assertThat(r.get(3000)).isEqualTo("b.jsonl:3001:1: not valid UTF-8 (byte 0xFF)");
    }

    @Test
    void aBadByteColumnCountsCharactersAsAnEditorDoesAndNotTheByteOrderMark() {
        // the emoji is one column; a cut-off sequence at the end of a line is the line's last column
        List<String> r = readBytes(bytes("\uFEFF{\"id\":\"\uD83D\uDE00", new byte[] {(byte) 0x80}, "\"}\r\n",
                GOOD.formatted("ok"), "{\"id\":\"\u00e9", new byte[] {(byte) 0xE2, (byte) 0x82}, "\r\n"));
        assertThat(r).containsExactly("b.jsonl:1:9: not valid UTF-8 (byte 0x80)", "ok b.jsonl:2",
                "b.jsonl:3:9: not valid UTF-8 (byte 0xE2)");
    }

    @Test
    void linesEndAtLfCrLfOrCrAsBeforeAndAByteOrderMarkIsDropped() {
        // line 2 ends with a lone CR, line 3 is empty (CR LF), line 4 has no line end
        List<String> r = readBytes(bytes("\uFEFF", GOOD.formatted("l1").replace("\n", "\r\n"), GOOD.formatted("l2").replace("\n", "\r"),
                "\r\n", GOOD.formatted("l4").trim()));
        assertThat(r).containsExactly("ok b.jsonl:1", "ok b.jsonl:2", "ok b.jsonl:4");
    }

    @Test
    void strictLabelsRejectUnknownCriteriaAndRoutesWithASuggestion() {
        LabelCheck check = new LabelCheck(Set.of("asks_for_human", "keywords"), Set.of("Billing"));
        assertThat(readAll(resource("scoring/transcripts/01-tp-asks-for-human.yaml"), "t.yaml", check).get(0))
                .as("known names pass").isInstanceOf(ReadResult.Read.class);
        List<ReadResult> typo = readAllText("""
                {"id":"x","messages":[{"role":"user","text":"hi"}],"expect":{"handoff":true,"criteria":["asks_for_humna"],"route":"Billing"}}
                {"id":"y","messages":[{"role":"user","text":"hi"}],"expect":{"handoff":true,"route":"Bill"}}
                """, check);
        assertThat(((ReadResult.Bad) typo.get(0)).problem().describe())
                .isEqualTo("in.jsonl:1:89: transcript 'x': expect.criteria[0]: 'asks_for_humna' is not a criterion of the configuration; did you mean 'asks_for_human'?");
        assertThat(((ReadResult.Bad) typo.get(1)).problem().describe())
                .isEqualTo("in.jsonl:2:77: transcript 'y': expect.route: 'Bill' is not a routing profile of the configuration");
    }

    @TempDir
    Path tmp;

    private List<ReadResult> readAllText(String jsonl, LabelCheck check) {
        try {
            Path f = tmp.resolve("in.jsonl");
            Files.writeString(f, jsonl);
            return readAll(f, "in.jsonl", check);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void foldersAreWalkedRecursivelyInNameOrderSkippingWhatIsNotATranscript() {
        List<String> ids = new ArrayList<>();
        List<Path> skipped;
        List<Path> json;
        try (TranscriptReader r = TranscriptReader.open(List.of(resource("walk")), List.of(Path.of("walk")), null)) {
            r.forEachRemaining(x -> ids.add(((ReadResult.Read) x).transcript().id() + " " + ((ReadResult.Read) x).transcript().source()));
            skipped = r.skippedFiles();
            json = r.skippedJson();
        }
        assertThat(ids).containsExactly("walk-a1 walk/a.jsonl:1", "walk-a2 walk/a.jsonl:2", "walk-b walk/b.yaml", "walk-c walk/sub/c.yml",
                "walk-d walk/sub/d.ndjson:1");
        assertThat(skipped).containsExactly(Path.of("walk/notes.yaml"));
        assertThat(json).as("not read, but never dropped silently").containsExactly(Path.of("walk/e.json"));
        assertThat(TranscriptReader.readsFromFolder(Path.of("x/d.ndjson"))).isTrue();
        assertThat(TranscriptReader.readsFromFolder(Path.of("x/e.json"))).isFalse();
    }

    @Test
    void aMissingInputIsAUsageErrorAtOnce() {
        Path missing = tmp.resolve("nope");
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.handoff.error.HandoffException.class,
                () -> TranscriptReader.open(List.of(missing), List.of(Path.of("nope")), null));
        assertThat(e.getMessage()).isEqualTo("nope: no such file or folder");
    }

    @Test
    void transcriptFieldsAreRead() {
        List<ReadResult> r = readAll(resource("scoring/transcripts/01-tp-asks-for-human.yaml"), "t.yaml", null);
        Transcript t = ((ReadResult.Read) r.get(0)).transcript();
        assertThat(t.id()).isEqualTo("tp-asks-for-human");
        assertThat(t.userTurns()).isEqualTo(2);
        assertThat(t.startedAt()).hasToString("2025-09-14T08:00:00Z");
        assertThat(t.messages().get(2).at()).hasToString("2025-09-15T08:00:00Z");
        assertThat(t.expect()).isEqualTo(new Expectation(true, List.of("asks_for_human"), 2, "Billing"));
        assertThat(t.meta().has("script")).isTrue();
    }

    /**
     * Streaming, shown without timing: the transcripts come through a pipe whose writer can only
     * run ahead of the reader by the pipe's buffer. The reader hands out the first transcript while
     * almost all of the 200,000 lines are still unwritten, so it cannot have read them all first.
     */
    @Test
    void aLargeJsonlIsStreamedNotReadWhole() throws Exception {
        Path fifo = tmp.resolve("big.jsonl");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor()).as("mkfifo").isZero();
        int total = 200_000;
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            try (BufferedWriter w = Files.newBufferedWriter(fifo, StandardCharsets.UTF_8)) {
                for (int i = 0; i < total; i++) {
                    w.write("{\"id\":\"t" + i + "\",\"messages\":[{\"role\":\"user\",\"text\":\"message number " + i + "\"}]}\n");
                    written.incrementAndGet();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        long count = 0;
        long writtenWhenFirstArrived;
        try (TranscriptReader r = TranscriptReader.open(List.of(fifo), null)) {
            ReadResult first = r.next();
            writtenWhenFirstArrived = written.get();
            assertThat(((ReadResult.Read) first).transcript().id()).isEqualTo("t0");
            count++;
            long bad = 0;
            while (r.hasNext()) {
                if (!(r.next() instanceof ReadResult.Read)) {
                    bad++;
                }
                count++;
            }
            assertThat(bad).isZero();
        }
        writer.join();
        assertThat(count).isEqualTo(total);
        assertThat(writtenWhenFirstArrived).as("lines written when the first transcript came out").isLessThan(total / 10);
    }
    @Test
    void aYamlTranscriptWithAWordOverTheLimitIsABadTranscriptAtItsPosition() throws Exception {
        Path file = tmp.resolve("long.yaml");
        java.nio.file.Files.writeString(file, "id: w\nmessages:\n  - role: user\n    text: \""
                + "x".repeat(dev.handoff.config.yaml.Words.MAX + 1) + "\"\nexpect:\n  handoff: false\n");
        try (TranscriptReader r = TranscriptReader.open(List.of(file), null)) {
            ReadResult result = r.next();
            assertThat(result).isInstanceOf(ReadResult.Bad.class);
            TranscriptProblem p = ((ReadResult.Bad) result).problem();
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.location().column()).isEqualTo(11);
            assertThat(p.message()).isEqualTo(dev.handoff.config.yaml.Words.MESSAGE);
        }
    }
}
