package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --compare} when a criterion is renamed: the new name is in the current
 * configuration only, the old one in BASE only. The scripted classifier fires whichever name
 * its configuration has ("Refund requests|Refund asks").
 */
class CompareCriteriaTest extends ReplayProjectTest {

    @BeforeEach
    void renameACriterion() {
        project.write("base/support.yaml", project.read("guidelines/support.yaml"));
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml").replace("name: Refund requests", "name: Refund asks"));
        project.write("refunds/r.jsonl", "{\"id\":\"r1\",\"messages\":[{\"role\":\"user\",\"text\":\"where is my refund\"}],"
                + "\"expect\":{\"handoff\":true,\"criteria\":[\"Refund requests\"]}}\n"
                + "{\"id\":\"r2\",\"meta\":{\"script\":{\"1\":{\"fired\":[\"Refund requests|Refund asks\"]}}},"
                + "\"messages\":[{\"role\":\"user\",\"text\":\"what is the return policy\"}],\"expect\":{\"handoff\":false}}\n");
    }

    @Test
    void theErrorsOfACriterionOnlyTheCurrentSideHasAreAllNewAndFailTheStrictGate() throws Exception {
        var r = compare("refunds", "--max-new-fp", "0", "--max-new-fn", "0", "--markdown", "compare.md");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Gate: FAILED")
                .contains("Refund asks: 1 false positives, all new: the base configuration has no criterion of that name (at most 0 more allowed)");
        JsonNode j = json(compare("refunds", "--max-new-fp", "0", "-o", "json").out());
        JsonNode asks = row(j, "Refund asks");
        assertThat(asks.at("/delta/fp").asInt()).isEqualTo(1);
        assertThat(asks.get("only_in").asText()).isEqualTo("current");
        assertThat(asks.at("/delta/precision").isNull()).isTrue();
        JsonNode requests = row(j, "Refund requests");
        assertThat(requests.get("delta").isNull()).isTrue();
        assertThat(requests.get("only_in").asText()).isEqualTo("base");
        assertThat(j.at("/gate/passed").asBoolean()).isFalse();
        assertThat(project.read("compare.md")).contains("❌ gate failed").contains("**Warnings**");
    }

    @Test
    void aCriterionOnlyBaseHasAndLabelsTheConfigurationLacksAreWarningsOfTheReport() throws Exception {
        var r = compare("refunds");
        assertThat(r.out()).contains("Warnings")
                .contains("1 transcript expects criterion 'Refund requests', which the configuration does not have; it is not scored")
                .contains("'Refund requests' is only a criterion of the base configuration: its 1 false positive and 1 false negative"
                        + " there cannot be compared with this configuration")
                .contains("'Refund asks' is not a criterion of the base configuration: its 1 false positive and 0 false negatives"
                        + " all count as new");
        JsonNode j = json(compare("refunds", "-o", "json").out());
        assertThat(j.get("warnings").toString()).contains("which the configuration does not have").contains("only a criterion of the base");
    }

    private static JsonNode row(JsonNode report, String name) {
        for (JsonNode n : report.get("criteria")) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no row " + name);
    }
}
