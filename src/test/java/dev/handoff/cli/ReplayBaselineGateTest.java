package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --baseline}: what the comparison may call fixed, and when the gate cannot pass.
 * A baseline error counts as fixed only when this run scored the same transcript on the same
 * criterion without it; everything else is "not compared" or fails the gate.
 */
class ReplayBaselineGateTest extends ReplayProjectTest {

    private static final String FP_SCRIPT = "script: {\"1\": {fired: [user_frustration]}}";

    @Test
    void anErrorOnATranscriptWithInvalidOutputNowIsNotComparedNeverFixed() throws Exception {
        assertThat(replay("--save-baseline", "ci/baseline.json").exitCode()).isZero();
        project.write("transcripts/02-fp-no-handoff-expected.yaml", project.read("transcripts/02-fp-no-handoff-expected.yaml")
                .replace(FP_SCRIPT, "script: {\"1\": {invalid: \"reply does not fit the schema\"}}"));
        var r = replay("--baseline", "ci/baseline.json");
        assertThat(r.out()).as(r.toString()).contains("Baseline ci/baseline.json: 0 new errors, 0 fixed, 1 not compared")
                .contains("not compared FP  user_frustration  fp-no-handoff-expected  (invalid output now)")
                .doesNotContain("fixed FP");
        JsonNode b = json(replay("--baseline", "ci/baseline.json", "-o", "json").out()).at("/gate/baseline");
        assertThat(b.get("fixed").asInt()).isZero();
        assertThat(b.get("not_compared").asInt()).isEqualTo(1);
        assertThat(b.at("/not_compared_examples/0/reason").asText()).isEqualTo("invalid output now");
        assertThat(b.at("/not_compared_examples/0/criterion").asText()).isEqualTo("user_frustration");
    }

    @Test
    void aBaselineGateWithNothingScoredFailsInvalidOrUnlabelledAlike() {
        project.write("one/a.yaml", "id: a\nmeta:\n  " + FP_SCRIPT + "\nmessages:\n  - {role: user, text: \"Hmm, ok?\"}\nexpect: {handoff: false}\n");
        assertThat(replay("one", "--save-baseline", "ci/one.json").exitCode()).isZero();
        project.write("one/a.yaml", project.read("one/a.yaml").replace(FP_SCRIPT, "script: {\"1\": {invalid: \"not JSON\"}}"));
        var invalid = replay("one", "--baseline", "ci/one.json");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(1);
        assertThat(invalid.out()).contains("1 not compared").doesNotContain("fixed FP")
                .contains("no transcript was scored: 1 replayed (0 unlabelled, 1 with invalid classifier output),"
                        + " so nothing could be compared with the baseline");

        project.write("unlabelled/u.jsonl", "{\"id\":\"u\",\"messages\":[{\"role\":\"user\",\"text\":\"live agent\"}]}\n");
        var unlabelled = replay("unlabelled", "--baseline", "ci/one.json");
        assertThat(unlabelled.exitCode()).as(unlabelled.toString()).isEqualTo(1);
        assertThat(unlabelled.out()).contains("no transcript was scored: 1 replayed, none with a label (expect:),"
                + " so nothing could be compared with the baseline");
        assertThat(replay("unlabelled", "--baseline", "ci/one.json", "--shard", "1/1").exitCode())
                .as("a shard may hold only unlabelled transcripts: report merge judges the run").isZero();
    }

    @Test
    void errorsOfACriterionTheConfigurationNoLongerHasAreNotFixedAndFailTheGate() throws Exception {
        project.write("refunds/r.jsonl", "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"text\":\"where is my refund\"}],"
                + "\"expect\":{\"handoff\":true,\"criteria\":[\"Refund requests\"]}}\n"
                + "{\"id\":\"r2\",\"meta\":{\"script\":{\"1\":{\"fired\":[\"Refund requests|Refund asks\"]}}},"
                + "\"messages\":[{\"role\":\"user\",\"text\":\"what is the return policy\"}],\"expect\":{\"handoff\":false}}\n");
        assertThat(replay("refunds", "--save-baseline", "ci/refunds.json").exitCode()).isZero();
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml").replace("name: Refund requests", "name: Refund asks"));
        var r = replay("refunds", "--baseline", "ci/refunds.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("not compared FN  Refund requests  r1  (criterion not in this configuration)")
                .contains("not compared FP  Refund requests  r2  (criterion not in this configuration)")
                .contains("new FP  Refund asks  r2")
                .contains("the baseline has a criterion this configuration does not have: 'Refund requests' (1 FP, 1 FN, 0 TP);"
                        + " its results cannot be compared. If the change is meant, save a new baseline: --save-baseline ci/refunds.json")
                .doesNotContain("fixed F");
        JsonNode b = json(replay("refunds", "--baseline", "ci/refunds.json", "-o", "json").out()).at("/gate/baseline");
        assertThat(b.at("/missing_criteria/0/name").asText()).isEqualTo("Refund requests");
        assertThat(b.get("fixed").asInt()).isZero();
    }

    @Test
    void aNewlyMissedHandoffOfALabelWithoutCriteriaIsANewError() throws Exception {
        assertThat(replay("--save-baseline", "ci/baseline.json").exitCode()).isZero();
        // expect: {handoff: true, criteria: []}: when nothing fires it is no criterion's FN
        project.write("transcripts/06-empty-criteria-any-reason.yaml", project.read("transcripts/06-empty-criteria-any-reason.yaml")
                .replace("script: {\"1\": {fired: [user_frustration, Refund requests]}}", "script: {}"));
        var r = replay("--baseline", "ci/baseline.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Baseline ci/baseline.json: 1 new error")
                .contains("new FN  handoff (expected, no criteria)  empty-criteria-any-reason")
                .contains("handoffs expected without criteria: 2 missed, 1 more than the baseline's 1 (tolerance 0)");
        assertThat(replay("--baseline", "ci/baseline.json", "--tolerance", "1").exitCode()).isZero();
        JsonNode b = json(replay("--baseline", "ci/baseline.json", "-o", "json").out()).at("/gate/baseline");
        assertThat(b.get("missed_handoffs").asInt()).isEqualTo(2);
        assertThat(b.get("baseline_missed_handoffs").asInt()).isEqualTo(1);
        assertThat(b.at("/new_error_examples/0/id").asText()).isEqualTo("empty-criteria-any-reason");
        assertThat(b.at("/new_error_examples/0/criterion").isNull()).isTrue();
    }

    @Test
    void aFailedGateDoesNotReplaceTheBaselineItWasComparedWith() {
        assertThat(replay("--save-baseline", "ci/baseline.json").exitCode()).isZero();
        String saved = project.read("ci/baseline.json");
        project.write("transcripts/01-tp-asks-for-human.yaml", project.read("transcripts/01-tp-asks-for-human.yaml")
                .replace("script: {\"2\": {fired: [asks_for_human], route: Billing}}", "script: {}"));
        var failed = replay("--baseline", "ci/baseline.json", "--save-baseline", "./ci/baseline.json");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err().lines().filter(l -> l.contains("not replaced"))).containsExactly(
                "--save-baseline ci/baseline.json: not replaced, the gate failed against it; to accept this run's results,"
                        + " save it without --baseline: handoff replay ... --save-baseline ci/baseline.json");
        assertThat(project.read("ci/baseline.json")).isEqualTo(saved);
        assertThat(replay("--baseline", "ci/baseline.json").exitCode()).as("a rerun still fails").isEqualTo(1);
        // another file is a report of this run, not the baseline the gate judged: it is written
        assertThat(replay("--baseline", "ci/baseline.json", "--save-baseline", "ci/next.json").exitCode()).isEqualTo(1);
        assertThat(project.read("ci/next.json")).contains("\"schema_version\"");
    }

    @Test
    void aBaselineWhoseSchemaVersionIsNotANumberSaysSoInOneLine() {
        project.write("ci/old.json", "{\n  \"schema_version\": \"1\",\n  \"criteria\": []\n}\n");
        var r = replay("--baseline", "ci/old.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("ci/old.json:2:21: schema_version: must be the number 1, found the string '1'")
                .doesNotContain("Current token").doesNotContain("VALUE_STRING");
    }
}
