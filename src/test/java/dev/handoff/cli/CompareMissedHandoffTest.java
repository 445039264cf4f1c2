package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --compare}: an expected handoff the current configuration loses is worse and, when its
 * label names no criteria (no criterion's FN), a new false negative all the same.
 */
class CompareMissedHandoffTest extends ReplayProjectTest {

    private static final String LIVE = "{\"id\":\"n1\",\"messages\":[{\"role\":\"user\",\"text\":\"live agent please\"}],\"expect\":%s}\n"
            + "{\"id\":\"n2\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],\"expect\":{\"handoff\":false}}\n";

    @Test
    void aNewlyMissedHandoffWithoutCriteriaIsANewFalseNegativeAndWorse() throws Exception {
        project.write("base/support.yaml", project.read("guidelines/support.yaml"));
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml").replace("    - live agent\n", ""));
        project.write("t/t.jsonl", String.format(LIVE, "{\"handoff\":true}"));
        var r = compare("t", "--max-new-fp", "0", "--max-new-fn", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("worse +n1 +turn 1 \\[keywords\\] +→ +no handoff \\(FN handoff \\(expected, no criteria\\)\\)")
                .contains("handoffs expected without criteria: 1 missed, 1 more than the base's 0 (at most 0 more allowed)")
                .contains("Gate: FAILED");
        assertThat(compare("t", "--max-worse", "0").exitCode()).isEqualTo(1);
        JsonNode j = json(compare("t", "--max-new-fn", "0", "-o", "json").out());
        assertThat(j.at("/changed/worse").asInt()).isEqualTo(1);
        assertThat(j.at("/changed/base_missed_handoffs").asInt()).isZero();
        assertThat(j.at("/changed/missed_handoffs").asInt()).isEqualTo(1);
        assertThat(j.at("/gate/failures/0/check").asText()).isEqualTo("max_new_fn");
        assertThat(compare("t", "--max-new-fp", "0").exitCode()).as("a missed handoff is no false positive").isZero();
    }

    @Test
    void anExpectedHandoffLostWithACriterionTheCurrentSideDroppedIsWorse() {
        project.write("base/support.yaml", project.read("guidelines/support.yaml"));
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml")
                .replace("  keywords:\n    - live agent\n    - speak to a human\n", "  keywords: []\n"));
        project.write("t/t.jsonl", String.format(LIVE, "{\"handoff\":true,\"criteria\":[\"keywords\"]}"));
        var r = compare("t", "--max-worse", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("worse +n1 +turn 1 \\[keywords\\] +→ +no handoff")
                .contains("1 transcript got worse than with the base configuration (at most 0 allowed)");
    }

    @Test
    void aCriterionDroppedWhileLabelsStillNameItFailsTheStrictGateAndChangesNoTranscript() throws Exception {
        project.write("base/support.yaml", project.read("guidelines/support.yaml"));
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml")
                .replace("  keywords:\n    - live agent\n    - speak to a human\n", "  keywords: []\n"));
        // keywords misses this one in the base (FN); the current configuration has no keywords to score it with
        project.write("t/t.jsonl", "{\"id\":\"m1\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],"
                + "\"expect\":{\"handoff\":true,\"criteria\":[\"keywords\"]}}\n");
        var r = compare("t", "--max-new-fp", "0", "--max-new-fn", "0", "--max-worse", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("0 changed").contains("No transcript changed outcome")
                .contains("'keywords' is only a criterion of the base configuration, and the labels of 1 transcript name it (0 TP, 1 FN there)");
        JsonNode j = json(compare("t", "--max-new-fn", "0", "-o", "json").out());
        assertThat(j.at("/gate/failures/0/check").asText()).isEqualTo("removed_criterion");
        assertThat(compare("t", "--max-worse", "0").exitCode()).as("no transcript changed").isZero();
    }
}
