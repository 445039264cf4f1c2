package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report merge} reads JSON reports anyone may have edited (CI artifacts of another job):
 * what it prints for people is escaped, its JUnit file stays well-formed, and a transcript list
 * that replay would not have written is refused, naming the file and the transcript.
 */
class ReportMergeTamperedTest extends ReplayProjectTest {

    private ObjectNode shard(int i) throws Exception {
        return (ObjectNode) json(replay("--shard", i + "/2", "-o", "json").out());
    }

    private CliHarness.Result merge(ObjectNode s1, ObjectNode s2, String... more) {
        project.write("s1.json", s1.toString());
        project.write("s2.json", s2.toString());
        String[] args = new String[3 + more.length];
        args[0] = "merge";
        args[1] = "s1.json";
        args[2] = "s2.json";
        System.arraycopy(more, 0, args, 3, more.length);
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        return run(all);
    }

    private static ObjectNode first(ObjectNode shard) {
        return (ObjectNode) shard.get("transcripts").get(0);
    }

    @Test
    void anIdWithAnEscapeSequenceIsRefusedAsDamagedNeverPrinted() throws Exception {
        ObjectNode s1 = shard(1);
        first(s1).put("id", "evil\u001b]0;PWNED\u0007");
        var r = merge(s1, shard(2));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.out() + r.err()).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(r.err()).contains("s1.json: transcript 'evil\\u001B]0;PWNED\\u0007': id: ")
                .contains("U+001B at position 5").contains("run that shard again");
    }

    @Test
    void theConfigFileNameIsEscapedInTheTextAndTheJunitFileStaysWellFormed() throws Exception {
        ObjectNode s1 = shard(1);
        ObjectNode s2 = shard(2);
        for (ObjectNode s : new ObjectNode[]{s1, s2}) {
            ((ObjectNode) s.get("config")).put("file", "guide\u001b]0;PWN\u0007.yaml");
            ((ArrayNode) s.get("warnings")).add("warn \u001b[31mred");
        }
        var r = merge(s1, s2, "--junit", "merged.xml");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("handoff replay: guide\\u001B]0;PWN\\u0007.yaml · classifier scripted");
        Path xml = project.path("merged.xml");
        String text = Files.readString(xml);
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("guide\\u001B]0;PWN\\u0007.yaml");
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement().getAttribute("name"))
                .isEqualTo("handoff replay guide\\u001B]0;PWN\\u0007.yaml (scripted)");
    }

    @Test
    void aReplayOfAConfigWithAControlInItsNameEscapesItInTextAndJunit() throws Exception {
        String odd = "guidelines/q\u001bx.yaml";
        Files.copy(project.path("guidelines/support.yaml"), project.path(odd));
        var r = replay("--config", odd, "transcripts", "--junit", "j.xml");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(r.out()).doesNotContain("\u001b").contains("q\\u001Bx.yaml");
        assertThat(Files.readString(project.path("j.xml"))).doesNotContain("\u001b").contains("q\\u001Bx.yaml");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.path("j.xml").toFile());
    }
}
