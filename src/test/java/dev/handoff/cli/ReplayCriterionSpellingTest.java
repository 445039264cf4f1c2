package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A label spelled "Re" + combining accent (NFD, as macOS and some copy-paste paths give it) names the
 * configured "Réclamations" (NFC): the two look the same in every message, so they are one criterion.
 */
class ReplayCriterionSpellingTest extends ReplayProjectTest {

    private static final String CONFIG = ReplayProject.resource("replay/criterion-name-nfd-label/support-nfc.yaml").toString();
    private static final String LABELS = ReplayProject.resource("replay/criterion-name-nfd-label/label-nfd.jsonl").toString();
    private static final String NFC = Normalizer.normalize("Re\u0301clamations", Normalizer.Form.NFC);

    @Test
    void anNfdLabelIsScoredForTheNfcCriterionAndReportedInTheConfiguredSpelling() throws Exception {
        var r = run("replay", "--classifier", "keywords", "--config", CONFIG, LABELS, "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode report = json(r.out());
        assertThat(report.path("warnings").toString()).doesNotContain("does not have");
        JsonNode expected = report.path("transcripts").get(0).path("expect").path("criteria");
        assertThat(expected.get(0).asText()).isEqualTo(NFC);
        for (JsonNode c : report.path("criteria")) {
            if (c.path("name").asText().equals(NFC)) {
                assertThat(c.path("fn").asLong()).as("the missed complaint counts for its criterion: " + c).isEqualTo(1);
                return;
            }
        }
        throw new AssertionError("no criterion " + NFC + " in " + report.path("criteria"));
    }

    @Test
    void strictLabelsAcceptAnNfdLabelForAnNfcCriterion() {
        var r = run("replay", "--classifier", "keywords", "--config", CONFIG, "--strict-labels", LABELS);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("is not a criterion of the configuration");
    }

    @Test
    void importChecksAnNfdMapCriterionAgainstTheNfcConfiguredName() {
        project.write("c.csv", "sentence,label\nI want to file a complaint,COMPLAINT\n");
        var r = run("transcripts", "import", "--text-column", "sentence", "--label-column", "label",
                "--map", "COMPLAINT=Re\u0301clamations", "--config", CONFIG, "c.csv");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("is not in");
    }
}
