package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay --record}, {@code --classifier recorded} and {@code --prune}, with a stand-in Ollama. */
class RecordedVerdictsCommandTest {

    static final String VERDICTS = "guidelines/support.verdicts.jsonl";

    @TempDir
    Path home;

    Path project;
    FakeLlmServer llm;

    @BeforeEach
    void setUp() throws IOException {
        project = home.resolve("project");
        ReplayProject.copyTree(ReplayProject.resource("verdicts/project"), project);
        llm = new FakeLlmServer();
    }

    @AfterEach
    void tearDown() {
        llm.close();
    }

    CliHarness.Result run(String... args) {
        return new CliHarness(home).workDir(project).run(args);
    }

    CliHarness.Result record(String... extra) {
        List<String> all = new ArrayList<>(List.of("replay", "--classifier", "ollama", "--ollama-url", llm.url(),
                "--model", FakeLlmServer.MODEL, "--no-cache", "--record"));
        all.addAll(List.of(extra));
        return run(all.toArray(String[]::new));
    }

    String verdicts() throws IOException {
        return Files.readString(project.resolve(VERDICTS));
    }

    List<String> lines() throws IOException {
        return verdicts().lines().toList();
    }

    void editCriterion(String from, String to) throws IOException {
        Path config = project.resolve("guidelines/support.yaml");
        String text = Files.readString(config);
        assertThat(text).contains(from);
        Files.writeString(config, text.replace(from, to));
    }

    @Test
    void repeatAsksEveryQuestionOncePerRun() {
        var once = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL, "--no-cache");
        assertThat(once.exitCode()).as(once.toString()).isIn(0, 1);
        int asked = llm.chats.getAndSet(0);
        assertThat(asked).isPositive();
        // the runs of a transcript shared one batch, which asks each distinct question once: N runs, one answer, never unstable
        var thrice = run("replay", "--classifier", "ollama", "--ollama-url", llm.url(), "--model", FakeLlmServer.MODEL, "--repeat", "3");
        assertThat(thrice.exitCode()).as(thrice.toString()).isIn(0, 1);
        assertThat(llm.chats.get()).isEqualTo(3 * asked);
        assertThat(thrice.out()).contains("unstable across 3 runs: 0");
    }

    @Test
    void replayingRecordedVerdictsBeforeAnyWereRecordedNamesTheMissingFile() {
        assertThat(project.resolve(VERDICTS)).doesNotExist();
        var r = run("replay", "--classifier", "recorded", "--max-fp-rate", "2%");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: guidelines/support.verdicts.jsonl: no such file; --classifier recorded replays")
                .contains("record them first: handoff replay --config guidelines/support.yaml --classifier ollama --record");
        assertThat(r.err().lines().count()).isEqualTo(2);
    }

    @Test
    void recordWritesOneSortedLinePerTurnAndTheSameRunTwiceGivesTheSameBytes() throws IOException {
        var first = record();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).contains("verdicts guidelines/support.verdicts.jsonl: 5 added, 0 changed, 0 dropped, 5 in all");
        String bytes = verdicts();
        List<String> lines = lines();
        assertThat(lines).hasSize(5).isSorted();
        JsonNode refund = lines.stream().map(RecordedVerdictsCommandTest::json)
                .filter(n -> n.path("rationale").asText().equals("wants a refund")).findFirst().orElseThrow();
        assertThat(refund.path("criteria").toString()).isEqualTo("[\"Refund requests\"]");
        assertThat(refund.path("route").asText()).isEqualTo("Billing");
        assertThat(refund.path("provider").asText()).isEqualTo("ollama");
        assertThat(refund.path("model").asText()).isEqualTo(FakeLlmServer.MODEL);
        assertThat(refund.path("digest").asText()).isEqualTo(FakeLlmServer.DIGEST);
        assertThat(refund.path("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(bytes).as("keys, not conversations: no transcript text, no server address")
                .doesNotContain("money back").doesNotContain("127.0.0.1");

        var second = record();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.err()).contains("0 added, 0 changed, 0 dropped, 5 in all (unchanged)");
        assertThat(verdicts()).isEqualTo(bytes);
        assertThat(llm.chats.get()).as("--no-cache: both runs asked every turn").isEqualTo(10);
    }

    @Test
    void aVerdictFileThatCannotBeMergedIntoStopsTheRecordingBeforeAnyRequest() throws IOException {
        Files.createDirectories(project.resolve(VERDICTS));
        var folder = record();
        assertThat(folder.exitCode()).as(folder.toString()).isEqualTo(2);
        assertThat(folder.err()).contains("support.verdicts.jsonl: cannot read: it is a folder, not a file");
        Files.delete(project.resolve(VERDICTS));
        Files.writeString(project.resolve(VERDICTS), "garbage line\n");
        var damaged = record();
        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.err()).contains("support.verdicts.jsonl:1");
        Files.write(project.resolve(VERDICTS), new byte[]{0x41, 0x0a, 0x42, (byte) 0xff, (byte) 0xfe, 0x41});
        var notUtf8 = record();
        assertThat(notUtf8.exitCode()).isEqualTo(2);
        // the path as typed from the working directory, in the message and in the hint's git command
        assertThat(notUtf8.err()).startsWith("handoff: " + VERDICTS + ":2:2: not valid UTF-8 (byte 0xFF)\n")
                .contains("(git checkout -- " + VERDICTS + ")");
        assertThat(llm.chats.get()).as("no paid request was sent for a run whose verdicts could not be kept").isZero();
    }

    @Test
    void aChangedVerdictChangesOnlyItsLineAndUnchangedLinesKeepTheirDate() throws IOException {
        assertThat(record().exitCode()).isZero();
        Files.writeString(project.resolve(VERDICTS), verdicts().replaceAll("\"date\":\"[0-9-]+\"", "\"date\":\"2020-01-01\""));
        List<String> before = lines();
        llm.answers.put("thanks", "{\"criteria\": [\"asks_for_human\"], \"routing_profile\": null, \"rationale\": \"changed its mind\"}");

        var r = record();
        assertThat(r.err()).contains("0 added, 1 changed, 0 dropped, 5 in all");
        List<String> after = lines();
        List<String> changed = after.stream().filter(l -> !before.contains(l)).toList();
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0)).contains("changed its mind").doesNotContain("2020-01-01");
        assertThat(after.stream().filter(before::contains)).hasSize(4).allMatch(l -> l.contains("\"date\":\"2020-01-01\""));
    }

    @Test
    void editingOneCriterionAddsLinesForTheNewWordingKeepsTheOldOnesAndPruneDropsThem() throws IOException {
        assertThat(record().exitCode()).isZero();
        List<String> old = lines();
        editCriterion("clearly frustrated or angry", "clearly frustrated");

        var r = record();
        assertThat(r.err()).contains("5 added, 0 changed, 0 dropped, 10 in all");
        assertThat(lines()).containsAll(old).hasSize(10).isSorted();

        var pruned = record("--prune");
        assertThat(pruned.err()).contains("0 added, 0 changed, 5 dropped, 5 in all");
        assertThat(lines()).doesNotContainAnyElementsOf(old).hasSize(5);
    }

    @Test
    void recordedReplayGivesTheLlmsScoresWithoutAServer() throws IOException {
        var live = record("-o", "json");
        assertThat(live.exitCode()).as(live.toString()).isZero();
        llm.close();

        var replayed = run("replay", "--classifier", "recorded", "-o", "json");
        assertThat(replayed.exitCode()).as(replayed.toString()).isZero();
        JsonNode a = json(live.out());
        JsonNode b = json(replayed.out());
        assertThat(b.get("criteria")).isEqualTo(a.get("criteria"));
        assertThat(b.get("transcripts")).isEqualTo(a.get("transcripts"));
        assertThat(b.at("/totals/no_recorded_verdict").asInt(-1)).isZero();
        assertThat(b.at("/classifier/describe/recorded by").asText()).isEqualTo("ollama llama3.2 (5)");

        var text = run("replay", "--classifier", "recorded");
        assertThat(text.out()).contains("4 transcripts: 4 scored, 0 unlabelled, 0 invalid output, 0 no recorded verdict")
                .contains("  no recorded verdict: 0\n").contains("Gate: passed");
    }

    @Test
    void aRecordedReplayOfAVerdictFileThatIsNotUtf8NamesItsLineAndThePathAsGiven() throws IOException {
        assertThat(record().exitCode()).isZero();
        llm.close();
        List<String> lines = new ArrayList<>(lines());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            bytes.writeBytes((i == 2 ? "{\"key\":\"zz" : lines.get(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (i == 2) {
                bytes.write(0xFF);
                bytes.writeBytes("\",\"prompt\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            bytes.write('\n');
        }
        Files.write(project.resolve(VERDICTS), bytes.toByteArray());
        var r = run("replay", "--classifier", "recorded");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("handoff: " + VERDICTS + ":3:11: not valid UTF-8 (byte 0xFF)\n")
                .contains("git checkout -- " + VERDICTS + ")").doesNotContain(project.toString());
    }

    @Test
    void theStderrSummaryOfARecordedReplayListsItsCountsInOneFixedOrder() {
        assertThat(record().exitCode()).isZero();
        llm.close();
        // it alternated between runs with the order of a Map.of: diffs and greps of CI logs broke
        var r = run("replay", "--classifier", "recorded", "--all-turns");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("classifier ")).toList())
                .containsExactly("classifier recorded: recorded 5, no recorded verdict 0");
    }

    @Test
    void verboseLogsEachRequestToOllamaAndItsOutcome() {
        var r = record("--verbose");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("handoff: > POST " + llm.url().replaceAll("/+$", "") + "/api/chat")
                .containsPattern("handoff: < answered POST \\S+/api/chat \\(\\d+ ms\\)");
    }

    @Test
    void aByteOrderMarkAnEditorAddedToTheVerdictFileIsNotPartOfItsFirstLine() throws IOException {
        assertThat(record().exitCode()).isZero();
        Files.writeString(project.resolve(VERDICTS), "\uFEFF" + verdicts());
        var r = run("replay", "--classifier", "recorded");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("0 no recorded verdict");
    }

    @Test
    void aCriterionNameWithControlsInAVerdictFileIsShownEscapedInTheTextReport() throws IOException {
        assertThat(record().exitCode()).isZero();
        List<String> lines = new ArrayList<>(lines());
        lines.set(0, lines.get(0).replaceFirst("\"criteria\":\\[[^\\]]*\\]",
                "\"criteria\":[\"nope\\\\u001b]0;PWNED\\\\u0007\\\\u009b2J\"]"));
        Files.writeString(project.resolve(VERDICTS), String.join("\n", lines) + "\n");

        var text = run("replay", "--classifier", "recorded");
        assertThat(text.out()).contains("nope\\u001B]0;PWNED\\u0007\\u009B2J")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
        run("replay", "--classifier", "recorded", "--junit", "r.xml");
        assertThat(Files.readString(project.resolve("r.xml"))).doesNotContain("\u009b").doesNotContain("\u001b");
    }

    @Test
    void aTurnWithoutARecordedVerdictIsNeverGuessedAndFailsTheGateNamingTheCommand() throws IOException {
        assertThat(record().exitCode()).isZero();
        llm.close();
        editCriterion("asks, in any words, to talk to a person", "asks to talk to a person");

        var r = run("replay", "--classifier", "recorded", "--junit", "replay.xml", "--markdown", "replay.md");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String command = "handoff replay --config guidelines/support.yaml --classifier ollama --model llama3.2 --record";
        assertThat(r.out()).contains("4 transcripts: 0 scored, 0 unlabelled, 0 invalid output, 4 no recorded verdict")
                .contains("  no recorded verdict: 4 (not scored)")
                .contains("4 turns have no recorded verdict for the current prompt (4 transcripts not scored); record them: " + command);
        assertThat(Files.readString(project.resolve("replay.xml"))).contains("type=\"no recorded verdict\"").contains("errors=\"4\"");
        assertThat(Files.readString(project.resolve("replay.md"))).contains("4 no recorded verdict").contains(command);

        var json = json(run("replay", "--classifier", "recorded", "-o", "json").out());
        assertThat(json.at("/totals/no_recorded_verdict").asInt()).isEqualTo(4);
        assertThat(json.at("/no_recorded_verdict/examples/0/turn").asInt()).isEqualTo(1);
        assertThat(json.at("/transcripts/0/status").asText()).isEqualTo("unrecorded");
    }

    @Test
    void pruneOnARecordedReplayKeepsOnlyTheVerdictsItsTurnsUsed() throws IOException {
        assertThat(record().exitCode()).isZero();
        List<String> all = lines();
        var r = run("replay", "--classifier", "recorded", "--prune", "transcripts/refund.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("0 added, 0 changed, 4 dropped, 1 in all");
        assertThat(lines()).hasSize(1).allMatch(all::contains).allMatch(l -> l.contains("wants a refund"));
    }

    @Test
    void openAiVerdictsAreKeyedOnTheSamePromptAsOllamasAndReplayTheSame() throws IOException {
        var ollama = record("-o", "json");
        List<String> byOllama = lines();
        Files.delete(project.resolve(VERDICTS));
        var openai = new CliHarness(home).workDir(project).env("OPENAI_API_KEY", "sk-test-secret-key-123456")
                .run("replay", "--classifier", "openai", "--base-url", llm.url() + "v1", "--model", "gpt-4o-mini", "--record");
        assertThat(openai.exitCode()).as(openai.toString()).isZero();
        List<String> byOpenAi = lines();
        assertThat(byOpenAi).hasSize(5).allMatch(l -> l.contains("\"provider\":\"openai\",\"model\":\"gpt-4o-mini\""))
                .noneMatch(l -> l.contains("digest"));
        assertThat(byOpenAi.stream().map(l -> json(l).path("key").asText()))
                .containsExactlyElementsOf(byOllama.stream().map(l -> json(l).path("key").asText()).toList());
        assertThat(verdicts()).doesNotContain("sk-test-secret-key-123456");
        llm.close();
        var replayed = run("replay", "--classifier", "recorded", "-o", "json");
        assertThat(json(replayed.out()).get("criteria")).isEqualTo(json(ollama.out()).get("criteria"));
        editCriterion("asks for a refund", "asks for a refund or a credit");
        assertThat(run("replay", "--classifier", "recorded").out())
                .contains("record them: handoff replay --config guidelines/support.yaml --classifier openai --model gpt-4o-mini --record");
    }

    @Test
    void recordAndPruneNeedAClassifierThatUsesTheVerdictFile() {
        var r = run("replay", "--classifier", "keywords", "--record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--record keeps an LLM's verdicts; the 'keywords' classifier is not one");
        var p = run("replay", "--classifier", "recorded", "--prune", "--shard", "1/2");
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err()).contains("--prune with --shard");
        assertThat(Files.exists(project.resolve(VERDICTS))).isFalse();
    }

    @Test
    void validateAndPushLeaveTheVerdictFileAlone() throws IOException {
        assertThat(record().exitCode()).isZero();
        var v = run("validate", "guidelines");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        assertThat(v.out() + v.err()).doesNotContain("verdicts");
    }

    static JsonNode json(String text) {
        try {
            return Yaml.json().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> set(List<String> l) {
        return new HashSet<>(l);
    }
}
