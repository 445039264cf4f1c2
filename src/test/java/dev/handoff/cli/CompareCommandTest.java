package dev.handoff.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replay --compare}: the base wording misses the furious user (no "angry"), the current
 * wording catches them but also reads "thanks" as a request for a person. Golden files under
 * {@code compare-wording-change/}; regenerate with
 * {@code ./mvnw test -Dtest=CompareCommandTest -Dgolden.update=true}.
 */
class CompareCommandTest {

    static final Path GOLDEN = Path.of("src/test/resources/compare-wording-change");

    @TempDir
    Path home;

    Path project;
    FakeLlmServer llm;

    @BeforeEach
    void setUp() throws IOException {
        project = home.resolve("project");
        ReplayProject.copyTree(ReplayProject.resource("verdicts/project"), project);
        Path config = project.resolve("guidelines/support.yaml");
        String original = Files.readString(config);
        Files.createDirectories(project.resolve("base"));
        Files.writeString(project.resolve("base/support.yaml"), original.replace("clearly frustrated or angry", "clearly frustrated"));
        Files.writeString(config, original.replace("instead of the bot.", "instead of the bot, or thanks us."));
        llm = new FakeLlmServer();
    }

    @AfterEach
    void tearDown() {
        llm.close();
    }

    CliHarness.Result run(String... args) {
        return new CliHarness(home).workDir(project).run(args);
    }

    CliHarness.Result recorded(String... extra) {
        List<String> all = new ArrayList<>(List.of("replay", "--classifier", "recorded", "--compare", "base/support.yaml"));
        all.addAll(List.of(extra));
        return run(all.toArray(String[]::new));
    }

    void recordBothSides() {
        var r = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL,
                "--record", "--compare", "base/support.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("verdicts guidelines/support.verdicts.jsonl: 10 added");
        llm.close();
    }

    static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    @Test
    void reportsBothSidesWithDeltasAndTheTranscriptsThatChangedInEveryFormat() throws IOException {
        recordBothSides();
        var text = recorded("--junit", "compare.xml", "--markdown", "compare.md");
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("2 changed: 1 better, 1 worse")
                .containsPattern("better +furious +no handoff \\(FN user_frustration\\) +→ +turn 1 \\[user_frustration\\]")
                .containsPattern("worse +thanks +no handoff +→ +turn 1 \\[asks_for_human\\] \\(FP asks_for_human\\)");
        golden("report.txt", text.out());
        golden("report.md", Files.readString(project.resolve("compare.md")));
        golden("report.xml", Files.readString(project.resolve("compare.xml")));
        var json = recorded("-o", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        golden("report.json", json.out());
        assertThat(RecordedVerdictsCommandTest.json(json.out()).at("/criteria/3/name").asText()).isEqualTo("asks_for_human");
        assertThat(RecordedVerdictsCommandTest.json(json.out()).at("/criteria/3/delta/fp").asInt()).isEqualTo(1);
    }

    @Test
    void aBaseWithoutItsOwnEvaluationSettingsUsesTheCurrentOnesAndSaysSo() throws IOException {
        // the documented recipe: git show the base configuration into another folder, nothing beside it
        Files.copy(project.resolve("guidelines/support.yaml"), project.resolve("base/support.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve("guidelines/support.eval.yaml"),
                "failed_attempts: {after: 1, count: [repeated_request]}\n");
        Files.writeString(project.resolve("transcripts/repeats.yaml"), """
                id: repeats
                messages:
                  - {role: user, text: "where is my parcel"}
                  - {role: assistant, text: "It is on its way."}
                  - {role: user, text: "where is my parcel"}
                expect: {handoff: false}
                """);
        var r = run("replay", "--classifier", "keywords", "--compare", "base/support.yaml", "--max-worse", "0", "-o", "json");
        assertThat(r.exitCode()).as("the repeated request hands off on both sides: not worse; " + r).isZero();
        var json = RecordedVerdictsCommandTest.json(r.out());
        assertThat(json.at("/changed/count").asInt()).as("identical configurations, same settings: nothing changed").isZero();
        assertThat(json.at("/base/evaluation_settings").asText()).isEqualTo("guidelines/support.eval.yaml");
        assertThat(json.at("/current/evaluation_settings").asText()).isEqualTo("guidelines/support.eval.yaml");
        assertThat(r.err()).contains("--compare: base/support.eval.yaml does not exist; BASE uses the current evaluation settings,"
                + " guidelines/support.eval.yaml");

        Files.writeString(project.resolve("base/support.eval.yaml"), "criteria: {}\n");
        var own = run("replay", "--classifier", "keywords", "--compare", "base/support.yaml", "-o", "json");
        var ownJson = RecordedVerdictsCommandTest.json(own.out());
        assertThat(ownJson.at("/base/evaluation_settings").asText()).as("a base with its own settings uses them")
                .isEqualTo("base/support.eval.yaml");
        assertThat(ownJson.at("/changed/count").asInt()).as("only the current side counts failed attempts").isEqualTo(1);
        assertThat(run("replay", "--classifier", "keywords", "--compare", "base/support.yaml", "--max-worse", "0").exitCode())
                .isEqualTo(1);
        assertThat(own.err()).doesNotContain("does not exist");
    }

    @Test
    void progressCountsTheTurnsOfBothRuns() {
        var r = new CliHarness(home).workDir(project).interactive(true, "").run("replay", "--classifier", "ollama", "--ollama-url",
                llm.url(), "--model", FakeLlmServer.MODEL, "--no-cache", "--compare", "base/support.yaml");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        // a slow model answers turns long before a transcript ends: without the count, minutes of a still line
        assertThat(r.err()).containsPattern("replay: \\d+/\\d+ transcripts · [1-9]\\d* turns");
    }

    @Test
    void transcriptsTheNewWordingLeavesUnmeasuredFailTheStrictGate() {
        // invalid output leaves a transcript out of the FP and FN counts: the deltas went down and the gate passed
        llm.notJsonWhen = (system, last) -> system.contains("thanks us") && last.contains("person");
        var rec = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL,
                "--record", "--compare", "base/support.yaml");
        assertThat(rec.err()).as(rec.toString()).contains("invalid 1");
        llm.close();
        var r = recorded("--max-new-fp", "0", "--max-new-fn", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("1 transcript scored with the base configuration got invalid classifier output with this one")
                .doesNotContain("nothing was measured");
        // the thanks transcript's new false positive is what the setup changes on purpose: allowed here
        assertThat(recorded("--max-new-fp", "1", "--max-new-fn", "0").exitCode()).isEqualTo(1);
        assertThat(recorded("--max-new-fp", "1", "--max-new-fn", "0", "--max-invalid", "10").exitCode())
                .as("an explicit allowance is the user's call").isZero();
    }

    @Test
    void gateLimitsApplyToTheDeltasAndToTheCurrentSide() {
        recordBothSides();
        var fp = recorded("--max-new-fp", "0", "--max-new-fn", "0");
        assertThat(fp.exitCode()).as(fp.toString()).isEqualTo(1);
        assertThat(fp.out()).contains("asks_for_human: 1 false positives, 1 more than the base's 0 (at most 0 more allowed)")
                .doesNotContain("false negatives, ");
        assertThat(recorded("--max-new-fp", "1", "--max-new-fn", "0").exitCode()).isZero();
        var worse = recorded("--max-worse", "0");
        assertThat(worse.exitCode()).isEqualTo(1);
        assertThat(worse.out()).contains("1 transcript got worse than with the base configuration (at most 0 allowed)");
        var current = recorded("--max-fp-rate", "0");
        assertThat(current.exitCode()).as("the replay gate's limits apply to the current side").isEqualTo(1);
        assertThat(current.out()).contains("asks_for_human: false-positive rate 33.3% is above the limit 0.0% (1 FP)");
    }

    @Test
    void aQuestionBothConfigurationsAskTheSameWayIsAskedOnce() throws IOException {
        // only a keyword differs: the LLM's prompt is the same for both, so each turn is asked once
        Files.writeString(project.resolve("base/support.yaml"),
                Files.readString(project.resolve("guidelines/support.yaml")).replace("- human agent", "- real human"));
        var r = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL, "--no-cache",
                "--compare", "base/support.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(llm.chats.get()).isEqualTo(5);
        assertThat(r.err()).contains("answered once for both 5");
        assertThat(r.out()).contains("0 changed: 0 better, 0 worse").contains("No transcript changed outcome.");
    }

    @Test
    void whereTheTwoVerdictFilesDisagreeOnAQuestionEachSideIsScoredWithItsOwn() throws IOException {
        // the same prompt for both sides; BASE's file (the target branch's recording) says nothing fires
        Files.writeString(project.resolve("base/support.yaml"),
                Files.readString(project.resolve("guidelines/support.yaml")).replace("- human agent", "- real human"));
        var rec = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL, "--record");
        assertThat(rec.exitCode()).as(rec.toString()).isZero();
        llm.close();
        String current = Files.readString(project.resolve("guidelines/support.verdicts.jsonl"));
        assertThat(current).contains("\"criteria\":[\"");
        Files.writeString(project.resolve("base/support.verdicts.jsonl"), current.replaceAll("\"criteria\":\\[[^\\]]*\\]", "\"criteria\":[]"));

        var compared = recorded();
        assertThat(compared.out()).as(compared.toString()).containsPattern("[1-9]\\d* changed: ");
    }

    @Test
    void baseVerdictsMissingFailTheGateWithTheCommandThatRecordsBothSides() {
        var r = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL, "--record");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var c = recorded();
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.out()).contains("base: 4 turns have no recorded verdict for the current prompt (4 transcripts not scored); "
                + "record them: handoff replay --config guidelines/support.yaml --classifier ollama --model llama3.2 --compare base/support.yaml --record");
    }

    @Test
    void deltaLimitsNeedCompare() {
        var r = run("replay", "--classifier", "keywords", "--max-new-fp", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-new-fp, --max-new-fn and --max-worse limit what changed against --compare BASE");
    }
}
