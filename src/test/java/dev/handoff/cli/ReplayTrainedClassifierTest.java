package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay} with the embedded classifier trained on recorded verdicts (classify/training: an eval file
 * naming conversations/ and support.verdicts.jsonl): the cross-validated agreement with those verdicts is in
 * the text report and in the JSON report's classifier description.
 */
class ReplayTrainedClassifierTest {

    @TempDir
    Path home;

    @Test
    void theReportSaysHowFarTheStandInAgreesWithTheRecordedVerdicts() throws Exception {
        Path dir = ValidateCommandTest.copyTree(ValidateCommandTest.resource("classify/training"), home.resolve("project"));
        var text = new CliHarness(home).workDir(dir).run("replay", "--classifier", "embedding", "--config", "support.yaml", "conversations");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("Classifier training: conversations, support.verdicts.jsonl: 28 labelled turns of 27 transcripts "
                        + "(26 labelled by recorded verdicts, 2 by transcript labels; 26 verdicts in the files); folds by transcript\n",
                "  asks_for_human  5-fold cross-validated agreement with the training labels: precision 1.00, recall 0.91, F1 0.95 "
                        + "(n 28, 11 positive); fitted probe blended 1.00\n",
                "  refund          not fitted: 2 turns fire it and 26 do not (needs 5 of each)\n");

        var json = new CliHarness(home).workDir(dir).run("replay", "--classifier", "embedding", "--config", "support.yaml", "conversations",
                "-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode describe = Yaml.json().readTree(json.out()).path("classifier").path("describe");
        assertThat(describe.path("training.asks_for_human").asText()).contains("precision 1.00, recall 0.91, F1 0.95 (n 28, 11 positive)");
        assertThat(describe.path("training.refund").asText()).startsWith("not fitted");
        // no absolute path in a report meant to be committed
        assertThat(json.out()).doesNotContain(dir.toString());
    }
}
