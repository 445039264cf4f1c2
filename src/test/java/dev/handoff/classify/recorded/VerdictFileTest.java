package dev.handoff.classify.recorded;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictFileTest {

    @TempDir
    Path dir;

    static RecordedVerdict verdict(String key, List<String> criteria, String rationale, String date) {
        return new RecordedVerdict(key, "9ab41c02d7e1", criteria, criteria.isEmpty() ? null : "Billing", rationale, null, "ollama",
                "llama3.1:8b", null, date);
    }

    @Test
    void sitsBesideTheConfiguration() {
        assertThat(VerdictFile.pathFor(Path.of("guidelines/support.yaml"))).isEqualTo(Path.of("guidelines/support.verdicts.jsonl"));
        assertThat(VerdictFile.pathFor(Path.of("g/x.yml"))).isEqualTo(Path.of("g/x.verdicts.jsonl"));
    }

    @Test
    void writesSortedLinesWithFixedFieldsAndReadsThemBack() throws Exception {
        Path file = dir.resolve("x.verdicts.jsonl");
        VerdictFile.write(file, Verdicts.of(List.of(verdict("bb", List.of("Refund requests"), "wants \"money\"", "2026-12-05"),
                verdict("aa", List.of(), "nothing", "2026-12-01"))));
        assertThat(Files.readString(file)).isEqualTo("""
                {"key":"aa","prompt":"9ab41c02d7e1","criteria":[],"route":null,"rationale":"nothing","provider":"ollama","model":"llama3.1:8b","date":"2026-12-01"}
                {"key":"bb","prompt":"9ab41c02d7e1","criteria":["Refund requests"],"route":"Billing","rationale":"wants \\"money\\"","provider":"ollama","model":"llama3.1:8b","date":"2026-12-05"}
                """);
        Verdicts back = VerdictFile.read(file);
        assertThat(back.all()).containsExactly(verdict("aa", List.of(), "nothing", "2026-12-01"),
                verdict("bb", List.of("Refund requests"), "wants \"money\"", "2026-12-05"));
        assertThat(back.hasPrompt("9ab41c02d7e1")).isTrue();
        assertThat(VerdictFile.read(dir.resolve("missing.jsonl")).size()).isZero();
    }

    @Test
    void anUnchangedAnswerKeepsItsLineAndPruneKeepsOnlyUsedKeys() {
        Verdicts old = Verdicts.of(List.of(verdict("aa", List.of(), "nothing", "2020-01-01"),
                verdict("bb", List.of("x"), "fires", "2020-01-01")));
        Verdicts merged = old.with(List.of(verdict("aa", List.of(), "nothing", "2026-12-05"),
                verdict("bb", List.of(), "changed", "2026-12-05"), verdict("cc", List.of(), "new", "2026-12-05")));
        assertThat(merged.get("aa").date()).isEqualTo("2020-01-01");
        assertThat(merged.get("bb").rationale()).isEqualTo("changed");
        assertThat(merged.get("bb").date()).isEqualTo("2026-12-05");
        assertThat(merged.retain(Set.of("aa", "cc")).all()).extracting(RecordedVerdict::key).containsExactly("aa", "cc");
    }

    @Test
    void aBadLineIsAUsageErrorNamingFileAndLine() throws Exception {
        Path file = dir.resolve("x.verdicts.jsonl");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[]}\n{\"key\":\"bb\"}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).isInstanceOf(HandoffException.class)
                .hasMessageContaining(file + ":2: a verdict needs a \"key\" and a \"criteria\" list");
        Files.writeString(file, "not json\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: not JSON");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[1,{\"x\":1}]}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: \"criteria\" must be a list of names (strings)");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[]}{\"key\":\"bb\",\"criteria\":[]}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: more than one JSON object on the line");
        Files.writeString(file, "{\"key\":5,\"criteria\":[]}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: \"key\" must be a string");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[],\"route\":5}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: \"route\" must be a string");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[]} trailing\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).hasMessageContaining(file + ":1: not JSON");
    }

    @Test
    void aFileThatIsNotUtf8NamesLineColumnAndByteAndItsHintThePathAsShown() throws Exception {
        Path file = dir.resolve("x.verdicts.jsonl");
        String good = "{\"key\":\"aa\",\"prompt\":\"p\",\"criteria\":[]}\n";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((good + good.replace("aa", "bb") + good.replace("aa", "cc")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.writeBytes("{\"key\":\"zz".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.write(0xFE);
        bytes.writeBytes("\",\"prompt\":\"x\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        assertThatThrownBy(() -> VerdictFile.read(file, "guidelines/x.verdicts.jsonl"))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("guidelines/x.verdicts.jsonl:4:11: not valid UTF-8 (byte 0xFF)");
                    assertThat(e.hint()).contains("git checkout -- guidelines/x.verdicts.jsonl)");
                });
        // after a byte-order mark, columns are counted as an editor shows them
        byte[] withBom = new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0xC3, '\n'};
        Files.write(file, withBom);
        assertThatThrownBy(() -> VerdictFile.read(file, "x.verdicts.jsonl"))
                .hasMessage("x.verdicts.jsonl:1:2: not valid UTF-8 (byte 0xC3)");
    }

    @Test
    void aKeyWithTwoDifferentVerdictsIsAUsageErrorButAnExactRepeatIsNot() throws Exception {
        Path file = dir.resolve("x.verdicts.jsonl");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[\"a\",\"b\"],\"rationale\":\"one\"}\n"
                + "{\"key\":\"bb\",\"criteria\":[]}\n"
                + "{\"key\":\"aa\",\"criteria\":[\"b\",\"a\"],\"rationale\":\"a second recording\"}\n");
        assertThat(VerdictFile.read(file).get("aa").criteria()).containsExactlyInAnyOrder("a", "b");
        Files.writeString(file, "{\"key\":\"aa\",\"criteria\":[\"a\"]}\n{\"key\":\"bb\",\"criteria\":[]}\n"
                + "{\"key\":\"aa\",\"criteria\":[]}\n");
        assertThatThrownBy(() -> VerdictFile.read(file)).isInstanceOf(HandoffException.class)
                .hasMessageContaining(file + ":3: key aa has another verdict on line 1");
    }
}
