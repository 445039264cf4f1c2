package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.eval.Shard;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --baseline} compares like with like: a baseline error on a transcript this run does not
 * score (unlabelled or invalid now, no longer replayed, in another shard) is taken out of the baseline's
 * count, so it cannot offset a new error on another transcript.
 */
class ReplayBaselineComparableTest extends ReplayProjectTest {

    private static String line(String id, boolean fires, String expect) {
        return "{\"id\":\"" + id + "\"" + (fires ? ",\"meta\":{\"script\":{\"1\":{\"fired\":[\"user_frustration\"]}}}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"text\":\"hmm\"}]" + (expect == null ? "" : ",\"expect\":" + expect) + "}\n";
    }

    private static final String NO = "{\"handoff\":false}";

    @Test
    void anErrorOnATranscriptUnlabelledNowDoesNotOffsetANewError() throws Exception {
        project.write("b/t.jsonl", line("t1", true, NO) + line("t2", false, NO));
        assertThat(replay("b", "--save-baseline", "ci/b.json").exitCode()).isZero();
        project.write("b/t.jsonl", line("t1", true, null) + line("t2", true, NO));
        var r = replay("b", "--baseline", "ci/b.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("1 new error, 0 fixed, 1 not compared")
                .contains("user_frustration: 1 false positives, 1 more than the baseline's 0 on the transcripts compared (1 in all,"
                        + " 1 on transcripts not scored now, no longer replayed or in another shard) (tolerance 0)");
        JsonNode b = json(replay("b", "--baseline", "ci/b.json", "-o", "json").out()).at("/gate/baseline");
        JsonNode row = row(b, "user_frustration");
        assertThat(row.get("baseline_fp").asInt()).isEqualTo(1);
        assertThat(row.get("baseline_fp_compared").asInt()).isZero();
        assertThat(row.get("fp").asInt()).isEqualTo(1);
    }

    @Test
    void anErrorOnATranscriptNoLongerReplayedDoesNotOffsetANewError() {
        project.write("b/t.jsonl", line("t1", true, NO) + line("t2", false, NO));
        assertThat(replay("b", "--save-baseline", "ci/b.json").exitCode()).isZero();
        project.write("b/t.jsonl", line("t2", true, NO));
        var r = replay("b", "--baseline", "ci/b.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("1 transcripts no longer replayed").contains("Gate: FAILED");
    }

    @Test
    void theSameErrorStillThereWhileAnotherTranscriptIsGonePasses() {
        project.write("b/t.jsonl", line("t1", true, NO) + line("t2", true, NO));
        assertThat(replay("b", "--save-baseline", "ci/b.json").exitCode()).isZero();
        project.write("b/t.jsonl", line("t2", true, NO));
        var r = replay("b", "--baseline", "ci/b.json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 new errors").contains("Gate: passed");
    }

    @Test
    void aShardIsComparedWithItsOwnTranscriptsOfAFullBaseline() throws Exception {
        Shard one = new Shard(1, 2);
        String a = IntStream.range(0, 100).mapToObj(i -> "a" + i).filter(one::owns).findFirst().orElseThrow();
        String b = IntStream.range(0, 100).mapToObj(i -> "b" + i).filter(id -> !one.owns(id)).findFirst().orElseThrow();
        // the whole run: an FP on a (shard 1), none on b (shard 2)
        project.write("s/t.jsonl", line(a, true, NO) + line(b, false, NO));
        assertThat(replay("s", "--save-baseline", "ci/full.json").exitCode()).isZero();
        // a fixed, b a new FP: shard 2 alone must not set a's old error against b's new one
        project.write("s/t.jsonl", line(a, false, NO) + line(b, true, NO));
        var two = replay("s", "--shard", "2/2", "--baseline", "ci/full.json");
        assertThat(two.exitCode()).as(two.toString()).isEqualTo(1);
        assertThat(two.out()).contains("1 new error, 0 fixed, 1 transcripts of other shards left out")
                .contains("the baseline covers all transcripts, this run shard 2/2: only this shard's transcripts are compared")
                .doesNotContain("transcripts no longer replayed")
                .contains("Gate: FAILED");
        JsonNode j = json(replay("s", "--shard", "2/2", "--baseline", "ci/full.json", "-o", "json").out()).at("/gate/baseline");
        assertThat(j.get("other_shard_transcripts").asInt()).isEqualTo(1);
        assertThat(j.get("missing_transcripts").asInt()).isZero();
        assertThat(row(j, "user_frustration").get("baseline_fp_compared").asInt()).isZero();
        // a pull-request comment and a CI's JUnit view say so too: "1 fixed" alone would read as a like-for-like check
        replay("s", "--shard", "2/2", "--baseline", "ci/full.json", "--markdown", "pr.md", "--junit", "j.xml");
        assertThat(project.read("pr.md")).contains("- ⚠️ the baseline covers all transcripts, this run shard 2/2: only this shard's");
        assertThat(project.read("j.xml")).contains("warning: baseline: the baseline covers all transcripts, this run shard 2/2");
        var first = replay("s", "--shard", "1/2", "--baseline", "ci/full.json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("0 new errors, 1 fixed");
    }

    @Test
    void aShardsBaselineIsRefusedForAnotherShardOrTheWholeRun() throws Exception {
        Shard one = new Shard(1, 2);
        String a = IntStream.range(0, 100).mapToObj(i -> "a" + i).filter(one::owns).findFirst().orElseThrow();
        String b = IntStream.range(0, 100).mapToObj(i -> "b" + i).filter(id -> !one.owns(id)).findFirst().orElseThrow();
        project.write("s/t.jsonl", line(a, false, NO) + line(b, false, NO));
        assertThat(replay("s", "--shard", "1/2", "--save-baseline", "ci/shard1.json").exitCode()).isZero();
        // b newly wrong: against shard 1's baseline it would only be an "added" transcript's error
        project.write("s/t.jsonl", line(a, false, NO) + line(b, true, NO));

        for (String[] args : new String[][]{{"s", "--shard", "2/2", "--baseline", "ci/shard1.json"}, {"s", "--baseline", "ci/shard1.json"}}) {
            var r = replay(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("handoff: --baseline ci/shard1.json: it is the report of shard 1/2 only, and this run ")
                    .contains("they replay different transcripts").contains("handoff report merge").doesNotContain("at dev.");
            assertThat(r.out()).isEmpty();
        }
        assertThat(replay("s", "--shard", "1/2", "--baseline", "ci/shard1.json").exitCode()).isZero();
    }

    private static JsonNode row(JsonNode baseline, String name) {
        for (JsonNode r : baseline.get("criteria")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no row " + name + " in " + baseline);
    }
}
