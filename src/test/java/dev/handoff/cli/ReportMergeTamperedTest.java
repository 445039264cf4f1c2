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

    /** A scored transcript with a criterion that fired: the labels replay gives it are known from its own fields. */
    private static ObjectNode firedAndScored(ObjectNode shard) {
        for (JsonNode t : shard.get("transcripts")) {
            if (t.path("status").asText().equals("scored") && t.path("fired").size() > 0 && t.path("labels").size() > 0) {
                return (ObjectNode) t;
            }
        }
        throw new AssertionError("no scored transcript that fired in " + shard);
    }

    @Test
    void labelsOrATimingThatContradictTheTranscriptsOwnFieldsAreRefused() throws Exception {
        String[][] edits = {{"labels", "[\"TP\", \"TP\"]"}, {"labels", "[\"FN\"]"}, {"timing", "\"premature\""},
                {"status", "\"unlabelled\""}, {"status", "\"unrecorded\""}, {"status", "\"invalid\""}};
        for (String[] edit : edits) {
            ObjectNode s1 = shard(1);
            ObjectNode t = firedAndScored(s1);
            if (edit[0].equals("labels")) {
                String criterion = t.get("fired").get(0).asText();
                ((ObjectNode) t.get("labels")).set(criterion, json(edit[1]));
            } else {
                t.set(edit[0], json(edit[1]));
            }
            var r = merge(s1, shard(2));
            assertThat(r.exitCode()).as(edit[0] + " " + edit[1] + ": " + r).isEqualTo(2);
            assertThat(r.err()).contains("s1.json: transcript '" + t.get("id").asText() + "': ")
                    .containsAnyOf("its " + edit[0], "invalid: must say which turn")
                    .contains("run that shard again");
        }
        ObjectNode untouched = shard(1);
        assertThat(merge(untouched, shard(2)).exitCode()).as("the same shards unedited merge").isZero();
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
    void aTranscriptInTwoShardsOrTwiceInOneIsRefusedNamingBothFiles() throws Exception {
        ObjectNode s1 = shard(1);
        ObjectNode s2 = shard(2);
        JsonNode moved = first(s1).deepCopy();
        String id = moved.get("id").asText();
        ((ArrayNode) s2.get("transcripts")).add(moved);
        var r = merge(s1, s2);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("s2.json: transcript '" + id + "' is also in ").contains("s1.json");

        ObjectNode twice = shard(1);
        ((ArrayNode) twice.get("transcripts")).add(first(twice).deepCopy());
        var t = merge(twice, shard(2));
        assertThat(t.exitCode()).as(t.toString()).isEqualTo(2);
        assertThat(t.err()).contains("s1.json: transcript '" + id + "' is listed twice");
    }

    @Test
    void aListThatDisagreesWithItsShardIsRefused() throws Exception {
        ObjectNode s2 = shard(2);
        ObjectNode dropped = shard(1);
        ((ArrayNode) dropped.get("transcripts")).remove(0);
        var r = merge(dropped, s2);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("s1.json: lists ").contains("but its totals.transcripts says");

        ObjectNode wrongShard = shard(1);
        ObjectNode other = first(shard(2)).deepCopy();
        ((ArrayNode) wrongShard.get("transcripts")).insert(0, other);
        ((ObjectNode) wrongShard.get("totals")).put("transcripts", wrongShard.get("transcripts").size());
        ObjectNode s2without = shard(2);
        ((ArrayNode) s2without.get("transcripts")).remove(0);
        ((ObjectNode) s2without.get("totals")).put("transcripts", s2without.get("transcripts").size());
        var w = merge(wrongShard, s2without);
        assertThat(w.exitCode()).as(w.toString()).isEqualTo(2);
        assertThat(w.err()).contains("s1.json: transcript '" + other.get("id").asText() + "' belongs to another shard than this report's 1/2");

        ObjectNode label = shard(1);
        first(label).putObject("labels").putArray("nonexistent_crit").add("FP");
        var l = merge(label, shard(2));
        assertThat(l.exitCode()).as(l.toString()).isEqualTo(2);
        assertThat(l.err()).contains("labels.nonexistent_crit: the report's configuration has no such criterion");
    }

    @Test
    void aShardThatIsNoIOfNIsBlamedOnTheReportNotOnAnOptionNobodyGave() throws Exception {
        ObjectNode s1 = shard(1);
        ((ObjectNode) s1.get("run")).put("shard", "3/2");
        var r = merge(s1, shard(2));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("handoff: ").contains("s1.json: run.shard '3/2' is not I/N with 1 <= I <= N; the report was changed or "
                + "damaged").doesNotContain("--shard '3/2'");
    }

    @Test
    void anEmptyReportIsCalledEmpty() throws Exception {
        project.write("s2.json", shard(2).toString());
        project.write("s1.json", "");
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("handoff: s1.json: the file is empty").contains("never redirect -o json to one of the reports read")
                .doesNotContain("schema_version");
    }
}
