package dev.handoff.transcript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What YAML 1.1, huge lines and folder links do to reading transcripts. */
class TranscriptReaderInputsTest {

    @TempDir
    Path tmp;

    private List<ReadResult> read(Path input, String shown) {
        List<ReadResult> out = new ArrayList<>();
        try (TranscriptReader r = TranscriptReader.open(List.of(input), List.of(Path.of(shown)), null)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private Transcript readYaml(String yaml) throws IOException {
        Path f = tmp.resolve("t.yaml");
        Files.writeString(f, yaml);
        List<ReadResult> r = read(f, "t.yaml");
        assertThat(r).hasSize(1);
        assertThat(r.get(0)).as(r.get(0).toString()).isInstanceOf(ReadResult.Read.class);
        return ((ReadResult.Read) r.get(0)).transcript();
    }

    private static String transcript(String id, String text) {
        return "id: " + id + "\nmessages:\n  - role: user\n    text: " + text + "\nexpect: {handoff: false}\n";
    }

    @Test
    void anUnreadableFileSaysPermissionDeniedAndToCheckItsPermissionsNotToFixTheTranscript() throws IOException {
        Path f = tmp.resolve("closed.jsonl");
        Files.writeString(f, "{\"id\":\"k1\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "root reads a file whatever its mode");
        var bad = (ReadResult.Bad) read(f, "closed.jsonl").get(0);
        assertThat(bad.problem().describe()).isEqualTo("closed.jsonl: cannot read: permission denied");
        assertThat(bad.problem().toException().hint()).startsWith("check the file's permissions").doesNotContain("fix the transcript");
    }

    @Test
    void unquotedIdsKeepTheirDigitsAsWrittenNotYaml11Octal() throws IOException {
        assertThat(readYaml(transcript("010", "hello")).id()).isEqualTo("010");
        assertThat(readYaml(transcript("0012", "hello")).id()).isEqualTo("0012");
        assertThat(readYaml(transcript("1_000", "hello")).id()).isEqualTo("1_000");
    }

    @Test
    void aUserWhoTypedYesNoOnOrOffIsReadAsTheWordNotABoolean() throws IOException {
        for (String word : List.of("yes", "no", "on", "off", "Yes", "true", "010", "1.50")) {
            assertThat(readYaml(transcript("t-" + word, word)).messages().get(0).text()).as(word).isEqualTo(word);
        }
    }

    @Test
    void aUserWhoTypedInfOrNanIsReadAsTheWordNotAMalformedFile() throws IOException {
        for (String word : List.of(".inf", "-.inf", "+.INF", ".nan", ".NaN")) {
            assertThat(readYaml(transcript("t" + word, word)).messages().get(0).text()).as(word).isEqualTo(word);
        }
    }

    @Test
    void aYamlAliasIsRefusedWithItsPositionNotReadAsTheAnchorsName() throws IOException {
        for (String yaml : List.of(
                "id: a1\nmeta: {note: &k live agent}\nmessages:\n  - role: user\n    text: *k\n",
                "id: a1\nmessages:\n  - role: user\n    text: *undefined_anchor\n")) {
            Path f = tmp.resolve("alias.yaml");
            Files.writeString(f, yaml);
            var bad = (ReadResult.Bad) read(f, "alias.yaml").get(0);
            assertThat(bad.problem().describe()).matches("alias\\.yaml:\\d+:\\d+: transcript 'a1': YAML aliases \\(\\*name\\) are not supported");
            assertThat(bad.problem().hint()).isEqualTo("write the text out in full where the alias is");
        }
        assertThat(readYaml(transcript("star", "\"*bold* claim\"")).messages().get(0).text()).isEqualTo("*bold* claim");
    }

    @Test
    void aTurnTooLargeForANumberIsSaidAsWrittenNotWrappedAround() throws IOException {
        Path f = tmp.resolve("t.yaml");
        Files.writeString(f, "id: big\nmessages:\n  - role: user\n    text: hi\nexpect: {handoff: true, turn: 99999999999999999999}\n");
        var bad = (ReadResult.Bad) read(f, "t.yaml").get(0);
        assertThat(bad.problem().describe()).endsWith("expect.turn: is 99999999999999999999 but the transcript has only 1 user turn");
        Files.writeString(f, "id: big\nmessages:\n  - role: user\n    text: hi\nexpect: {handoff: true, turn: -99999999999999999999}\n");
        assertThat(((ReadResult.Bad) read(f, "t.yaml").get(0)).problem().describe())
                .endsWith("expect.turn: is -99999999999999999999; user turns count from 1");
    }

    @Test
    void aSecondYamlDocumentInATranscriptIsStillRefused() {
        Path f = tmp.resolve("t.yaml");
        try {
            Files.writeString(f, transcript("a", ".inf") + "---\n" + transcript("b", "hi"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(read(f, "t.yaml").get(0)).isInstanceOf(ReadResult.Bad.class);
    }

    @Test
    void aQuotedValueAndTheBooleanFieldsAreUntouched() throws IOException {
        Transcript t = readYaml("id: \"007\"\nmessages:\n  - role: user\n    text: 'no'\nexpect: {handoff: true, turn: 1}\n");
        assertThat(t.id()).isEqualTo("007");
        assertThat(t.messages().get(0).text()).isEqualTo("no");
        assertThat(t.expect().handoff()).isTrue();
        assertThat(t.expect().turn()).isEqualTo(1);
    }

    @Test
    void aJsonTextThatIsNotAStringSaysHowToQuoteIt() throws IOException {
        Path f = tmp.resolve("t.jsonl");
        Files.writeString(f, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":true}],\"expect\":{\"handoff\":false}}\n");
        var bad = (ReadResult.Bad) read(f, "t.jsonl").get(0);
        assertThat(bad.problem().describe()).isEqualTo("t.jsonl:1:38: transcript 'a': messages[0].text: must be a string, found true");
        assertThat(bad.problem().hint()).isEqualTo("put the value in double quotes: \"text\": \"true\"");
    }

    @Test
    void aTextOverTheParsersLimitIsSaidPlainlyWithItsLineAndTheNextLineIsRead() throws IOException {
        Path f = tmp.resolve("huge.jsonl");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("{\"id\":\"ok-1\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n");
            w.write("{\"id\":\"huge\",\"messages\":[{\"role\":\"user\",\"text\":\"");
            for (int i = 0; i < 20_050; i++) {
                w.write("x".repeat(1000));
            }
            w.write("\"}]}\n{\"id\":\"ok-2\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n");
        }
        List<ReadResult> r = read(f, "huge.jsonl");
        assertThat(r).hasSize(3);
        TranscriptProblem p = ((ReadResult.Bad) r.get(1)).problem();
        assertThat(p.describe()).isEqualTo("huge.jsonl:2:48: malformed JSON: a text is too long: more than the limit of 20,000,000 characters");
        assertThat(p.hint()).contains("shorten that text").doesNotContain("syntax");
        assertThat(p.describe() + p.hint()).doesNotContain("StreamReadConstraints").doesNotContain("getMax");
        assertThat(r.get(2)).isInstanceOf(ReadResult.Read.class);
    }

    @Test
    void aFolderLinkBackUpTheTreeIsNotFollowedAndNotedOnce() throws IOException {
        Path m = tmp.resolve("M");
        Files.createDirectories(m.resolve("sub"));
        Files.writeString(m.resolve("sub/a.yaml"), transcript("a", "hello"));
        try {
            Files.createSymbolicLink(m.resolve("sub/loop"), Path.of(".."));
            Files.createSymbolicLink(m.resolve("sub/self"), Path.of("."));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
        }
        List<ReadResult> r;
        List<String> notes;
        try (TranscriptReader reader = TranscriptReader.open(List.of(m), List.of(Path.of("M")), null)) {
            r = new ArrayList<>();
            reader.forEachRemaining(r::add);
            notes = reader.skippedLinks();
        }
        assertThat(r).as("read once, no duplicate id").hasSize(1).allSatisfy(x -> assertThat(x).isInstanceOf(ReadResult.Read.class));
        assertThat(notes).containsExactly(
                "M/sub/loop (a link back to a folder that is being read: M)",
                "M/sub/self (a link back to a folder that is being read: M/sub)");
    }

    @Test
    void aFolderLinkToASiblingIsStillFollowed() throws IOException {
        Path root = tmp.resolve("R");
        Files.createDirectories(root.resolve("real"));
        Files.createDirectories(root.resolve("x"));
        Files.writeString(root.resolve("real/a.yaml"), transcript("a", "hello"));
        try {
            Files.createSymbolicLink(root.resolve("x/linked"), Path.of("../real"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
        }
        try (TranscriptReader reader = TranscriptReader.open(List.of(root.resolve("x")), List.of(Path.of("x")), null)) {
            List<ReadResult> r = new ArrayList<>();
            reader.forEachRemaining(r::add);
            assertThat(r).hasSize(1).allSatisfy(x -> assertThat(x).isInstanceOf(ReadResult.Read.class));
            assertThat(reader.skippedLinks()).isEmpty();
        }
    }

    @Test
    void utf16TranscriptFilesAreOneProblemEachThatSaysHowToConvertThem() throws IOException {
        Path jsonl = tmp.resolve("u.jsonl");
        Files.write(jsonl, "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}]}\n".repeat(3)
                .getBytes(java.nio.charset.StandardCharsets.UTF_16));
        List<ReadResult> lines = read(jsonl, "u.jsonl");
        assertThat(lines).hasSize(1);
        assertThat(((ReadResult.Bad) lines.get(0)).problem().describe()).isEqualTo("u.jsonl:1:1: this file is UTF-16, not UTF-8");
        assertThat(((ReadResult.Bad) lines.get(0)).problem().hint()).isEqualTo("convert it with iconv -f UTF-16 -t UTF-8 u.jsonl > u.utf8.jsonl");

        Path yaml = tmp.resolve("u.yaml");
        Files.write(yaml, transcript("a", "hi").getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        List<ReadResult> one = read(yaml, "u.yaml");
        assertThat(((ReadResult.Bad) one.get(0)).problem().hint()).isEqualTo("convert it with iconv -f UTF-16LE -t UTF-8 u.yaml > u.utf8.yaml");
    }
}
