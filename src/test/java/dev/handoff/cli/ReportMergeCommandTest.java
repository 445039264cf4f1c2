package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code handoff report merge}: shard reports of one replay joined into the unsharded report, and gated as it would be. */
class ReportMergeCommandTest extends ReplayProjectTest {

    @Test
    void shardsMergeIntoTheUnshardedReport() throws Exception {
        JsonNode whole = json(replay("-o", "json").out());
        List<String> files = new ArrayList<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            var r = replay("--shard", i + "/3", "-o", "json");
            assertThat(r.exitCode()).isZero();
            project.write("shard-" + i + ".json", r.out());
            files.add("shard-" + i + ".json");
            total += json(r.out()).get("transcripts").size();
        }
        assertThat(total).isEqualTo(17);
        List<String> args = new ArrayList<>(List.of("report", "merge"));
        args.addAll(files);
        args.addAll(List.of("-o", "json"));
        var merged = run(args.toArray(String[]::new));
        assertThat(merged.exitCode()).as(merged.toString()).isZero();
        JsonNode m = json(merged.out());
        assertThat(m.at("/run/merged_from")).extracting(JsonNode::asText).containsExactlyElementsOf(files);
        ((ObjectNode) m).remove("run");
        ((ObjectNode) whole).remove("run");
        assertThat(m).isEqualTo(whole);

        var text = run("report", "merge", "shard-1.json", "shard-3.json");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("shard 2/3 missing from the reports to merge");
        var twice = run("report", "merge", "shard-1.json", "shard-1.json");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("shard 1/3 is given twice");
    }

    @Test
    void anLlmsUsageAndCostAreTheSumsOfTheShards() throws Exception {
        String[][] usage = {{"100 requests, 50,000 prompt tokens (40,000 cached, 80%), 2,000 completion tokens",
                "$0.0100 this run; about $0.0300 to ask every turn again after editing one criterion (100 turns)"},
                {"20 requests, 10,000 prompt tokens (0 cached, 0%), 500 completion tokens",
                        "$0.0025 this run; about $0.0050 to ask every turn again after editing one criterion (1,020 turns)"}};
        for (int i = 1; i <= 2; i++) {
            ObjectNode shard = (ObjectNode) json(replay("--shard", i + "/2", "-o", "json").out());
            ((ObjectNode) shard.at("/classifier/describe")).put("usage", usage[i - 1][0]).put("cost", usage[i - 1][1]);
            project.write("s" + i + ".json", shard.toString());
        }

        var merged = run("report", "merge", "s1.json", "s2.json", "-o", "json");

        assertThat(merged.exitCode()).as(merged.toString()).isZero();
        JsonNode describe = json(merged.out()).at("/classifier/describe");
        assertThat(describe.get("usage").asText())
                .isEqualTo("120 requests, 60,000 prompt tokens (40,000 cached, 67%), 2,500 completion tokens");
        assertThat(describe.get("cost").asText())
                .isEqualTo("$0.0125 this run; about $0.0350 to ask every turn again after editing one criterion (1,120 turns)");
        assertThat(json(merged.out()).get("warnings").toString()).doesNotContain("describes itself differently");
        assertThat(run("report", "merge", "s1.json", "s2.json").out())
                .contains("usage: 120 requests, 60,000 prompt tokens (40,000 cached, 67%), 2,500 completion tokens · cost $0.0125");
    }

    @Test
    void mergedReportsGateLikeReplay() {
        for (int i = 1; i <= 2; i++) {
            project.write("s" + i + ".json", replay("--shard", i + "/2", "-o", "json").out());
        }
        var r = run("report", "merge", "s1.json", "s2.json", "--max-fp-rate", "0.1",
                "--junit", "merged.xml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("merged from 2 shards", "user_frustration: false-positive rate 15.4% is above the limit 10.0%");
        assertThat(project.read("merged.xml")).contains("tests=\"17\"");
    }

    @Test
    void limitsGivenToTheShardsGateTheMergeToo() throws Exception {
        for (int i = 1; i <= 2; i++) {
            var shard = replay("--shard", i + "/2", "--max-fp-rate", "10%", "--max-invalid", "0", "-o", "json");
            project.write("s" + i + ".json", shard.out());
        }
        var merged = run("report", "merge", "s1.json", "s2.json");
        assertThat(merged.exitCode()).as(merged.toString()).isEqualTo(1);
        assertThat(merged.out()).contains("user_frustration: false-positive rate 15.4% is above the limit 10.0%",
                "2 transcripts got invalid classifier output; at most 0 allowed");
        var unsharded = replay("--max-fp-rate", "10%", "--max-invalid", "0", "-o", "json");
        var mergedJson = run("report", "merge", "s1.json", "s2.json", "-o", "json");
        assertThat(json(mergedJson.out()).get("gate")).isEqualTo(json(unsharded.out()).get("gate"));
        // a flag given to the merge wins over what the shards recorded
        var looser = run("report", "merge", "s1.json", "s2.json",
                "--max-fp-rate", "50%", "--max-invalid", "5");
        assertThat(looser.exitCode()).as(looser.toString()).isZero();

        project.write("s2.json", replay("--shard", "2/2", "-o", "json").out());
        var otherCap = run("report", "merge", "s1.json", "s2.json");
        assertThat(otherCap.exitCode()).isEqualTo(2);
        assertThat(otherCap.err()).contains("s2.json: made with another --max-invalid than", "(none vs 0)");
        var capGiven = run("report", "merge", "s1.json", "s2.json", "--max-invalid", "0");
        assertThat(capGiven.err()).doesNotContain("--max-invalid than");
        project.write("s2.json", replay("--shard", "2/2", "--max-invalid", "0", "-o", "json").out());
        var mixed = run("report", "merge", "s1.json", "s2.json");
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("s2.json: ran with other limits for keywords than", "(no limits vs max_fp_rate 10.0%)");
        // as the refusal says: the limit given here replaces the shards' differing ones
        var given = run("report", "merge", "s1.json", "s2.json", "--max-fp-rate", "10%");
        assertThat(given.exitCode()).as(given.toString()).isEqualTo(1);
        assertThat(given.out()).contains("user_frustration: false-positive rate 15.4% is above the limit 10.0%");
    }

    @Test
    void shardsOfOtherInputsAreNotMerged() {
        project.write("s1.json", replay("--shard", "1/2", "-o", "json").out());
        project.write("s2.json", replay("--shard", "2/2", "-o", "json", "transcripts/01-tp-asks-for-human.yaml", "transcripts/02-fp-no-handoff-expected.yaml").out());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("made with another list of transcript inputs than", "merge only the shard reports of one run");
    }

    @Test
    void shardsOfTheSameInputsWithOtherContentAreNotMerged() throws Exception {
        // transcripts added between the shard runs: the first shard's share of them was silently missing
        project.write("s1.json", replay("--shard", "1/2", "-o", "json").out());
        String added = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n";
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            more.append(added.formatted("new-" + i));
        }
        project.write("transcripts/zz-added.jsonl", more.toString());
        project.write("s2.json", replay("--shard", "2/2", "-o", "json").out());
        assertThat(json(project.read("s2.json")).at("/run/input_digest").asText()).startsWith("sha256:")
                .isNotEqualTo(json(project.read("s1.json")).at("/run/input_digest").asText());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("s2.json: its shard read other transcripts than ", "s1.json's (transcripts in transcripts were added",
                "run every shard on the same version of the transcripts and with the same options");

        // the same content again: the shards merge
        project.write("s1.json", replay("--shard", "1/2", "-o", "json").out());
        var again = run("report", "merge", "s1.json", "s2.json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("23 transcripts");
    }

    @Test
    void shardsOfTwoModelsAreNotMerged() throws Exception {
        project.write("s1.json", replay("--shard", "1/2", "-o", "json").out());
        var s2 = (ObjectNode) json(replay("--shard", "2/2", "-o", "json").out());
        ((ObjectNode) s2.get("classifier").get("describe")).put("model", "another-model");
        project.write("s2.json", s2.toString());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("made with another model than");
    }

    @Test
    void aShardEditedByHandIsRefusedNamingTheFieldNotAnInternalError() throws Exception {
        project.write("s2.json", replay("--shard", "2/2", "-o", "json").out());
        String shard = replay("--shard", "1/2", "-o", "json").out();
        var edits = new java.util.LinkedHashMap<String, String>();
        edits.put("labels", "labels.user_frustration[0]: 'XX' is not TP, FP or FN");
        edits.put("expect", "expect: must be an object or null, found 5");
        edits.put("trigger_turn", "trigger_turn: must be a whole number from 0 or null, found the string 'abc'");
        edits.put("nullLabels", "labels: must be an object of criterion names to lists of TP, FP and FN, found null");
        for (var e : edits.entrySet()) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json(shard);
            var first = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("transcripts").get(0);
            switch (e.getKey()) {
                case "labels" -> first.putObject("labels").putArray("user_frustration").add("XX");
                case "expect" -> first.put("expect", 5);
                case "trigger_turn" -> first.put("trigger_turn", "abc");
                default -> first.putNull("labels");
            }
            project.write("s1.json", root.toString());
            var r = run("report", "merge", "s1.json", "s2.json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("s1.json: transcript '" + first.get("id").asText() + "': " + e.getValue())
                    .contains("run that shard again with -o json").doesNotContain("internal error", "Exception");
        }
        String[][] more = {
                {"scoredWithoutExpect", "expect: must be the label of a scored transcript, found null"},
                {"triggerZero", "trigger_turn: 0 is not one of the transcript's user turns"},
        };
        for (String[] e : more) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json(shard);
            var first = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("transcripts").get(0);
            if (e[0].equals("scoredWithoutExpect")) {
                first.put("status", "scored");
                first.putNull("expect");
            } else {
                first.put("trigger_turn", 0);
            }
            project.write("s1.json", root.toString());
            var r = run("report", "merge", "s1.json", "s2.json");
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains(e[1]).doesNotContain("internal error");
        }
        for (String list : new String[]{"null", "{}", "[5]", "[null]"}) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) json(shard);
            root.set("transcripts", json(list));
            project.write("s1.json", root.toString());
            var r = run("report", "merge", "s1.json", "s2.json");
            assertThat(r.exitCode()).as("a damaged transcript list must not drop the shard silently: " + list).isEqualTo(2);
            assertThat(r.err()).contains("s1.json: transcripts:");
        }
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json(shard);
        root.put("criteria", 5);
        project.write("s1.json", root.toString());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("s1.json: criteria: must be a list of criteria with their names, found 5");
    }

    @Test
    void aDamagedBaselineIsRefusedBeforeTheReplayRuns() throws Exception {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json(replay("-o", "json").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("transcripts").get(0)).putObject("labels").putArray("x").add("XX");
        project.write("base.json", root.toString());
        var r = replay("--baseline", "base.json", "--junit", "out.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("base.json: transcripts[0] ('").contains("labels.x[0]: 'XX' is not TP, FP or FN")
                .contains("save it again: --save-baseline base.json");
        assertThat(project.dir.resolve("out.xml")).as("refused before the replay wrote anything").doesNotExist();
        root.put("transcripts", 5);
        project.write("base.json", root.toString());
        assertThat(replay("--baseline", "base.json").err()).contains("base.json: transcripts: must be a list, found 5");
    }
}
