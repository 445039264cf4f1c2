package dev.handoff.classify.embedding;

import dev.handoff.classify.Classifier;
import dev.handoff.classify.ClassifierOptions;
import dev.handoff.classify.Verdict;
import dev.handoff.config.EvaluationSettings;
import dev.handoff.config.HandoffConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static dev.handoff.classify.Fixtures.allTurns;
import static dev.handoff.classify.Fixtures.conversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Training on recorded verdicts (src/test/resources/classify/training): 26 single-message conversations whose
 * only turn an LLM's verdict labels (10 requests for a person, 13 ordinary questions, 2 refund requests, and one
 * odd verdict that calls a weather question a request for a person) and one labelled two-turn conversation
 * without verdicts. The requests and the questions are far apart, so held out, every request is found, no
 * ordinary question fires, and the odd one cannot be learnt from the others: 10 of 11, precision 1.
 */
class TrainingOnVerdictsTest {

    private static final Path DIR = Path.of("src/test/resources/classify/training");

    @TempDir
    Path cacheDir;

    @Test
    void crossValidatedAgreementWithTheVerdictsIsReportedPerCriterion() {
        Classifier c = classifier(DIR.resolve("support.eval.yaml"));
        Map<String, String> d = c.describe();
        assertThat(d.get("training")).isEqualTo("conversations, support.verdicts.jsonl: 28 labelled turns of 27 transcripts "
                + "(26 labelled by recorded verdicts, 2 by transcript labels; 26 verdicts in the files); folds by transcript");
        assertThat(d.get("training.asks_for_human")).isEqualTo("5-fold cross-validated agreement with the training labels: "
                + "precision 1.00, recall 0.91, F1 0.95 (n 28, 11 positive); fitted probe blended 1.00");
        assertThat(d.get("training.refund")).isEqualTo("not fitted: 2 turns fire it and 26 do not (needs 5 of each)");
        assertThat(d.get("criterion.asks_for_human")).endsWith("blended 1.00 with a probe fitted on the evaluation settings' training turns (28)");
        assertThat(d.get("criterion.refund")).doesNotContain("fitted on");
        c.close();
    }

    @Test
    void theFittedProbeDecides() {
        Classifier c = classifier(DIR.resolve("support.eval.yaml"));
        Verdict.Decision request = (Verdict.Decision) c.classify(allTurns(conversation("r", "could a member of your team take over?"))).get(0);
        Verdict.Decision question = (Verdict.Decision) c.classify(allTurns(conversation("q", "do you ship tents to Norway?"))).get(0);
        assertThat(request.fired()).containsExactly("asks_for_human");
        assertThat(question.fired()).isEmpty();
        c.close();
    }

    @Test
    void replayingATrainingTranscriptIsSaidToBeOptimistic() throws Exception {
        String line = Files.readAllLines(DIR.resolve("conversations/recorded.jsonl")).get(0);
        String id = dev.handoff.config.yaml.Yaml.json().readTree(line).get("id").asText();
        Classifier c = classifier(DIR.resolve("support.eval.yaml"));
        c.classify(allTurns(conversation("not-a-training-one", "hello there")));
        assertThat(c.describe()).doesNotContainKey("warning");
        c.classify(allTurns(conversation(id, "hello there")));
        assertThat(c.describe().get("warning")).startsWith("1 replayed transcript is also in the classifier's training data")
                .contains("read the cross-validated figures");
        c.close();
    }

    @Test
    void aMissingVerdictFileIsAPlainUsageError() throws Exception {
        Path dir = project("missing", "[conversations]", "[old.verdicts.jsonl]");
        assertThatThrownBy(() -> classifier(dir.resolve("support.eval.yaml")))
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).isEqualTo(dir.resolve("support.eval.yaml") + ": classifier.embedding.training.verdicts names "
                            + dir.resolve("old.verdicts.jsonl") + ", which does not exist (record it with replay --record)");
                });
    }

    @Test
    void trainingTranscriptsThatHoldNoTranscriptAreAPlainUsageErrorNotASilentNothing() throws Exception {
        Path dir = project("empty", "[conversations]", "[support.verdicts.jsonl]");
        assertThatThrownBy(() -> classifier(dir.resolve("support.eval.yaml")).describe())
                .isInstanceOfSatisfying(HandoffException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                    assertThat(e.getMessage()).isEqualTo(dir.resolve("support.eval.yaml")
                            + ": classifier.embedding.training.transcripts: no transcript in " + dir.resolve("conversations"));
                });
    }

    @Test
    void anEmptyOrRepeatedTrainingPathIsAUsageError() throws Exception {
        for (String[] c : new String[][]{{"[\"\"]", "holds an empty path"}, {"[conversations, conversations]", "names a path twice"}}) {
            Path dir = project("paths", c[0], "[support.verdicts.jsonl]");
            assertThatThrownBy(() -> classifier(dir.resolve("support.eval.yaml")).describe())
                    .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage()).contains(c[1]));
        }
    }

    @Test
    void twoVerdictFilesThatAnswerOneQuestionDifferentlyAreRefusedNotDecidedByTheirOrder() throws Exception {
        Path dir = project("conflict", "[conversations]", "[support.verdicts.jsonl, other.verdicts.jsonl]");
        copyConversations(dir);
        String first = Files.readAllLines(dir.resolve("support.verdicts.jsonl")).get(0);
        var line = (com.fasterxml.jackson.databind.node.ObjectNode) dev.handoff.config.yaml.Yaml.json().readTree(first);
        line.putArray("criteria").add(line.path("criteria").isEmpty() ? "asks_for_human" : "refund");
        Files.writeString(dir.resolve("other.verdicts.jsonl"), line + "\n");
        assertThatThrownBy(() -> classifier(dir.resolve("support.eval.yaml")).describe())
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage())
                        .contains("other.verdicts.jsonl: key").contains("has another verdict than in").contains("support.verdicts.jsonl"));
    }

    @Test
    void anUnreadableTrainingTranscriptIsNamedAndVerdictsOfAnotherWordingAreSaidToTeachNothing() throws Exception {
        Path dir = project("reworded", "[conversations]", "[support.verdicts.jsonl]");
        copyConversations(dir);
        Files.writeString(dir.resolve("conversations/broken.yaml"), "id: broken\nmessages:\n  - role: usr\n    text: hi\n");
        Files.writeString(dir.resolve("support.yaml"), Files.readString(dir.resolve("support.yaml")).replaceFirst("(description: [^\\n]*)", "$1 Reworded."));
        Classifier c = classifier(dir.resolve("support.eval.yaml"));
        String training = c.describe().get("training");
        c.close();
        assertThat(training).contains("1 unreadable transcript skipped, first: ").contains("broken.yaml:3:")
                .contains("none of the verdicts is for this configuration's wording");
    }

    private static void copyConversations(Path dir) throws IOException {
        try (var files = Files.list(DIR.resolve("conversations"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("conversations").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * A folder with the fixture's configuration, its verdicts, an empty conversations folder and
     * evaluation settings whose training block names {@code transcripts} and {@code verdicts}.
     */
    private Path project(String name, String transcripts, String verdicts) throws IOException {
        Path dir = Files.createDirectories(cacheDir.resolve(name));
        Files.copy(DIR.resolve("support.yaml"), dir.resolve("support.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(DIR.resolve("support.verdicts.jsonl"), dir.resolve("support.verdicts.jsonl"), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(dir.resolve("conversations"));
        Files.writeString(dir.resolve("support.eval.yaml"), "classifier:\n  embedding:\n    training:\n      transcripts: "
                + transcripts + "\n      verdicts: " + verdicts + "\n");
        return dir;
    }

    private Classifier classifier(Path evalFile) {
        HandoffConfig config = HandoffConfig.from(LocalConfig.read(evalFile.resolveSibling("support.yaml")));
        return new EmbeddingClassifierFactory().create(config, EvaluationSettings.load(evalFile),
                new ClassifierOptions(cacheDir, null, null, 1, Duration.ofSeconds(5), true));
    }
}
