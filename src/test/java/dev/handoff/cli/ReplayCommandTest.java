package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest extends ReplayProjectTest {

    @Test
    void withoutArgumentsReplaysTheProjectsTranscriptsAgainstTheDefaultTarget() {
        var r = replay();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("handoff replay: guidelines/support.yaml · classifier scripted")
                .contains("17 transcripts: 14 scored, 1 unlabelled, 2 invalid output")
                .containsPattern("asks_for_human +2 +1 +2 +10 +66\\.7% +50\\.0% +9\\.1% \\(1\\.6–37\\.7%\\)")
                .contains("lack_of_knowledge (inactive)")
                .contains("invalid-output  turn 1: reply does not fit the schema")
                .contains("FP  too-early  turn 1 [asks_for_human]  \"Are you a person?\"")
                .contains("premature  too-early  turn 1 [asks_for_human]  \"Are you a person?\"  expected from turn 3")
                // 02 starts Saturday 10:00Z (12:00 in Berlin), 05 Monday 21:30Z (23:30): when the offline message is read
                .contains("  outside by weekday: Mon 1, Sat 1\n  outside by local hour: 12-13h 1, 23-24h 1\n")
                .contains("Gate: passed");
        assertThat(r.err()).as("no progress or colour without a terminal").isEmpty();
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void aConfigurationWithAValueTheRulesRefuseIsMeasuredWithAWarningSayingSo() throws Exception {
        Path file = project.dir.resolve("guidelines/support.yaml");
        Files.writeString(file, Files.readString(file).replace("timezone: Europe/Berlin", "timezone: PST"));
        var r = replay("-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(json(r.out()).get("warnings").toString()).contains("guidelines/support.yaml has 1 value the documented rules "
                + "refuse (first: line ").contains("settings.timezone").contains("'handoff validate guidelines/support.yaml' lists them");
        Files.writeString(file, Files.readString(file).replace("timezone: PST", "timezone: Europe/Berlin"));
        assertThat(json(replay("-o", "json").out()).get("warnings").toString()).doesNotContain("documented rules");
    }

    @Test
    void jsonReportIsDeterministicAndCarriesEveryTranscriptOutcome() throws Exception {
        var r1 = replay("-o", "json");
        var r2 = replay("-o", "json");
        assertThat(r1.exitCode()).as(r1.toString()).isZero();
        assertThat(r1.out()).isEqualTo(r2.out());
        JsonNode j = json(r1.out());
        assertThat(j.get("schema_version").asInt()).isEqualTo(1);
        assertThat(j.at("/config/file").asText()).isEqualTo("guidelines/support.yaml");
        assertThat(j.at("/config/hash").asText()).startsWith("sha256:");
        assertThat(j.at("/classifier/id").asText()).isEqualTo("scripted");
        assertThat(j.at("/classifier/describe/script").asText()).isEqualTo("meta.script of each transcript");
        assertThat(j.at("/totals/transcripts").asInt()).isEqualTo(17);
        JsonNode refund = findByName(j.get("criteria"), "Refund requests");
        assertThat(refund.get("tp").asInt()).isEqualTo(3);
        assertThat(refund.get("fn").asInt()).isEqualTo(2);
        assertThat(refund.get("false_negatives")).extracting(n -> n.get("id").asText()).containsExactly("wrong-reason", "missed-listed");
        assertThat(j.get("transcripts")).hasSize(17);
        JsonNode early = j.get("transcripts").get(3);
        assertThat(early.get("id").asText()).isEqualTo("too-early");
        assertThat(early.get("source").asText()).isEqualTo("transcripts/04-too-early.yaml");
        assertThat(early.at("/labels/asks_for_human")).extracting(JsonNode::asText).containsExactly("FP", "FN");
        assertThat(early.get("timing").asText()).isEqualTo("premature");
        assertThat(j.at("/routing/matrix/0/expected").asText()).isEqualTo("(none)");
        assertThat(j.at("/working_hours/outside").asInt()).isEqualTo(2);
        assertThat(j.at("/working_hours/outside_by_weekday")).extracting(JsonNode::asInt).containsExactly(1, 0, 0, 0, 0, 1, 0);
        assertThat(j.at("/working_hours/outside_by_hour/12").asInt()).isEqualTo(1);
        assertThat(j.at("/working_hours/outside_by_hour/23").asInt()).isEqualTo(1);
        assertThat(j.at("/working_hours/outside_by_hour")).extracting(JsonNode::asInt).containsOnly(0, 1).hasSize(24);
        assertThat(j.get("transcripts").get(1).get("trigger_local_time").asText()).isEqualTo("2025-09-20T12:00");
        assertThat(j.at("/invalid/count").asInt()).isEqualTo(2);
        assertThat(j.at("/gate/passed").asBoolean()).isTrue();
    }

    @Test
    void junitReportIsValidForCiAndFailsTheTranscriptsWithFpOrFn() throws Exception {
        project.write("transcripts/zz-extra.jsonl", "{\"id\":\"odd chars <&>\",\"messages\":[{\"role\":\"user\",\"text\":\"x\"}],\"expect\":{\"handoff\":true}}\n"
                + "{\"id\":\"broken\",\"messages\":[]}\n");
        var r = replay("--keep-going", "--junit", "reports/replay.xml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path xml = project.path("reports/replay.xml");
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(ReplayProject.resource("junit/junit-report.xsd").toFile());
        schema.newValidator().validate(new StreamSource(xml.toFile()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("19");
        // 07-empty-criteria-missed and "odd chars" expect a handoff by any criterion and nothing fired: FN handoff
        assertThat(suite.getAttribute("failures")).isEqualTo("8");
        assertThat(suite.getAttribute("errors")).isEqualTo("3");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        // and the gate's own test case, in a suite of its own: passed here
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(20);
        assertThat(doc.getElementsByTagName("testsuites").item(0).getAttributes().getNamedItem("tests").getNodeValue()).isEqualTo("20");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(8);
        assertThat(Files.readString(xml)).contains("<testcase name=\"odd chars &lt;&amp;&gt;\"").contains("message=\"FN handoff (nothing fired)\"");
        String text = Files.readString(xml);
        assertThat(text).contains("<testcase name=\"too-early\" classname=\"transcripts.04-too-early\"")
                .contains("message=\"FP asks_for_human; FN asks_for_human at turn 1\"")
                .contains("type=\"invalid classifier output\"")
                .contains("type=\"bad transcript\"")
                // passed, with the run's warning (fixture 15 expects an inactive criterion) in its output
                .contains("<testcase name=\"gate\" classname=\"gate\" time=\"0\"><system-out>warning: 1 transcript expects criterion"
                        + " 'lack_of_knowledge', which is inactive");
    }

    @Test
    void markdownSummaryIsWrittenForPullRequests() {
        var r = replay("--markdown", "summary.md", "--max-fp-rate", "10%");
        assertThat(r.exitCode()).isEqualTo(1);
        String md = project.read("summary.md");
        assertThat(md).startsWith("## handoff replay — ❌ gate failed")
                .contains("- user_frustration: false-positive rate 15.4% is above the limit 10.0% (2 FP)")
                .contains("| asks_for_human | 2 | 1 | 2 | 10 | 66.7% | 50.0% | 9.1% (1.6–37.7%) |")
                .contains("| FP | user_frustration | fp-no-handoff-expected | 1 | \"Hmm, ok?\" |")
                .contains(" Outside working hours: 2 of ").contains(" handoffs (Mon 1, Sat 1; local hours 12-13h 1, 23-24h 1).");
    }

    @Test
    void aMarkdownTableCutShortSaysHowManyRowsAreLeftOut() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            many.append("{\"id\": \"quiet-").append(i).append("\", \"meta\": {\"script\": {\"1\": {\"fired\": [\"user_frustration\"]}}},")
                    .append(" \"messages\": [{\"role\": \"user\", \"text\": \"ok ").append(i).append("\"}], \"expect\": {\"handoff\": false}}\n");
        }
        project.write("many.jsonl", many.toString());
        var r = replay("--markdown", "many.md", "many.jsonl");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String md = project.read("many.md");
        assertThat(md.lines().filter(l -> l.startsWith("| FP | user_frustration | quiet-"))).hasSize(20);
        assertThat(md).contains("| FP | user_frustration | … and 5 more (all in the JSON report, `-o json`) | | |");
    }

    @Test
    void gateExitCodesFollowTheLimits() {
        assertThat(replay().exitCode()).as("no limits").isZero();
        var passed = replay("--max-fp-rate", "0.2", "--max-invalid", "2");
        assertThat(passed.exitCode()).as("every FP rate is below 20%, and the 2 invalid outputs are allowed").isZero();
        // 2 invalid of a dozen: the rates measured too little to pass on them alone
        var broken = replay("--max-fp-rate", "0.2");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).containsPattern("2 of \\d+ transcripts got invalid classifier output, more than a tenth");
        StringBuilder quiet = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            quiet.append("{\"id\": \"quiet-").append(i).append("\", \"messages\": [{\"role\": \"user\", \"text\": \"ok ")
                    .append(i).append("\"}], \"expect\": {\"handoff\": false}}\n");
        }
        project.write("quiet.jsonl", quiet.toString());
        var few = replay("--max-fp-rate", "0.2", "transcripts", "quiet.jsonl");
        assertThat(few.exitCode()).as(few.toString()).isZero();
        assertThat(few.out()).as("the rates leave out the invalid ones: said")
                .containsPattern("2 of \\d+ transcripts got invalid classifier output and are not in the rates above;"
                        + " --max-invalid N fails the gate when more than N do");
        assertThat(replay().out()).as("no limits, no gate to explain").doesNotContain("are not in the rates above");
        var fp = replay("--max-fp-rate", "0.1");
        assertThat(fp.exitCode()).isEqualTo(1);
        assertThat(fp.out()).contains("Gate: FAILED", "user_frustration: false-positive rate 15.4% is above the limit 10.0% (2 FP)")
                .doesNotContain("asks_for_human: false-positive rate");
        var recall = replay("--min-recall", "0.6");
        assertThat(recall.exitCode()).isEqualTo(1);
        assertThat(recall.out()).contains("asks_for_human: recall 50.0% is below the limit 60.0% (2 FN)");
        assertThat(replay("--min-precision", "60%").exitCode()).isEqualTo(1);
        assertThat(replay("--max-invalid", "2").exitCode()).isZero();
        assertThat(replay("--max-invalid", "1").exitCode()).isEqualTo(1);
        var bad = replay("--max-fp-rate", "2");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--max-fp-rate 2: expected a rate between 0 and 1");
    }

    @Test
    void gateLimitsComeFromTheLocalEvaluationSettings() {
        project.write("guidelines/support.eval.yaml", """
                gate:
                  max_fp_rate: 0.5
                criteria:
                  keywords:
                    gate: {max_fp_rate: 0.05}
                """);
        var r = replay();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("keywords: false-positive rate 7.7% is above the limit 5.0% (1 FP)");
        assertThat(replay("--max-fp-rate", "0.2", "--max-invalid", "2").exitCode()).as("a flag wins over the settings").isZero();
    }

    @Test
    void evaluationSettingsThatValidateRejectsStopTheReplayAndItsWarningsReachTheReport() throws Exception {
        project.write("guidelines/support.eval.yaml", """
                criteria:
                  asks_for_human:
                    threshold: -3
                """);
        var bad = replay();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("guidelines/support.eval.yaml:3:16: criteria.asks_for_human.threshold: -3.0 is not between 0 and 1");

        project.write("guidelines/support.eval.yaml", "gate: 5\n");
        var notAMapping = replay();
        assertThat(notAMapping.exitCode()).isEqualTo(2);
        assertThat(notAMapping.err()).contains("guidelines/support.eval.yaml:1:7: gate: expected a mapping")
                .contains("write 'key: value' lines indented under it, or {key: value}").doesNotContain("fix it");

        project.write("guidelines/support.eval.yaml", """
                gate:
                  max_fp_rat: 0.0
                """);
        var typo = replay("-o", "json");
        assertThat(typo.exitCode()).as(typo.toString()).isZero();
        assertThat(json(typo.out()).get("warnings").toString())
                .contains("guidelines/support.eval.yaml:2:3: gate.max_fp_rat: unknown key 'max_fp_rat'; did you mean 'max_fp_rate'?");
    }

    @Test
    void baselineListsFlipsAndFailsWhenErrorsGrowBeyondTheTolerance() throws Exception {
        assertThat(replay("--save-baseline", "transcripts/baseline.json").exitCode()).isZero();
        assertThat(json(project.read("transcripts/baseline.json")).get("schema_version").asInt()).isEqualTo(1);
        // the classifier now misses tp-asks-for-human (new FN) and no longer fires on fp-no-handoff-expected (fixed FP)
        project.write("transcripts/01-tp-asks-for-human.yaml", project.read("transcripts/01-tp-asks-for-human.yaml")
                .replace("script: {\"2\": {fired: [asks_for_human], route: Billing}}", "script: {}"));
        project.write("transcripts/02-fp-no-handoff-expected.yaml", project.read("transcripts/02-fp-no-handoff-expected.yaml")
                .replace("script: {\"1\": {fired: [user_frustration]}}", "script: {}"));
        var r = replay("--baseline", "transcripts/baseline.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Baseline transcripts/baseline.json: 1 new error, 1 fixed")
                .contains("new FN  asks_for_human  tp-asks-for-human")
                .contains("fixed FP  user_frustration  fp-no-handoff-expected")
                .contains("asks_for_human: 3 false negatives, 1 more than the baseline's 2 (tolerance 0)");
        assertThat(replay("--baseline", "transcripts/baseline.json", "--tolerance", "1").exitCode()).isZero();
        var alone = replay("--tolerance", "1");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("--tolerance only applies with --baseline");
        JsonNode j = json(replay("--baseline", "transcripts/baseline.json", "-o", "json").out());
        assertThat(j.at("/gate/baseline/new_errors").asInt()).isEqualTo(1);
        assertThat(j.at("/gate/baseline/new_error_examples/0/id").asText()).isEqualTo("tp-asks-for-human");
        assertThat(j.at("/gate/baseline/fixed_examples/0/label").asText()).isEqualTo("FP");
        // the same file for both: a failed gate keeps it (ReplayBaselineGateTest); accepting the change is saving it alone
        assertThat(replay("--baseline", "transcripts/baseline.json", "--save-baseline", "transcripts/baseline.json").exitCode()).isEqualTo(1);
        assertThat(replay("--baseline", "transcripts/baseline.json").exitCode()).isEqualTo(1);
        assertThat(replay("--save-baseline", "transcripts/baseline.json").exitCode()).isZero();
        assertThat(replay("--baseline", "transcripts/baseline.json").exitCode()).isZero();
    }

    @Test
    void aReplayOfNothingIsAUsageErrorNotAGreenGate() {
        project.write("empty/readme.txt", "no transcripts here");
        var r = replay("--min-recall", "0.9", "empty");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("no transcripts in empty", "pass .yaml, .yml or .jsonl transcripts");
        project.write("none.jsonl", "");
        assertThat(replay("none.jsonl").exitCode()).isEqualTo(2);
    }

    @Test
    void withKeepGoingAndEveryTranscriptBadTheGateFails() {
        project.write("allbad/a.yaml", "id: a\nmessages:\n  - role: robot\n    text: hi\nexpect: {handoff: false}\n");
        project.write("allbad/b.yaml", "id: b\nmessages: []\nexpect: {handoff: false}\n");
        var r = replay("--keep-going", "allbad");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("no transcript was replayed: all 2 were bad");
    }

    @Test
    void withLimitsAndOnlyUnlabelledTranscriptsTheGateFailsAndWithoutLimitsItPasses() {
        project.write("unlabelled/a.jsonl", "{\"id\":\"a\",\"messages\":[{\"role\":\"user\",\"text\":\"get me a human\"}]}\n"
                + "{\"id\":\"b\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}]}\n");
        var limited = replay("--max-fp-rate", "0%", "--min-recall", "100%", "unlabelled");
        assertThat(limited.exitCode()).as(limited.toString()).isEqualTo(1);
        assertThat(limited.out()).contains("no transcript was scored: 2 replayed, none with a label (expect:), so no limit could be checked");
        var shard = replay("--max-fp-rate", "0%", "--shard", "1/1", "unlabelled");
        assertThat(shard.exitCode()).as("a shard may hold only unlabelled transcripts: the merge judges the run").isZero();
        var exploring = replay("unlabelled");
        assertThat(exploring.exitCode()).as("no limit set: a look at what fires; " + exploring).isZero();
    }

    @Test
    void idsAndLabelsWithHiddenCharactersAreRefusedAndNeverReachAReport() {
        project.write("hidden/a.jsonl", "{\"id\":\"ev\u202Eil\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n"
                + "{\"id\":\"ok\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],"
                + "\"expect\":{\"handoff\":true,\"criteria\":[\"red\\u001b[31mx\"]}}\n"
                + "{\"id\":\"fine\",\"messages\":[{\"role\":\"user\",\"text\":\"hi\"}],\"expect\":{\"handoff\":false}}\n");
        var stop = replay("hidden");
        assertThat(stop.exitCode()).isEqualTo(2);
        assertThat(stop.err()).contains("id: contains the invisible character U+202E at position 3");
        var kept = replay("--keep-going", "hidden", "--markdown", "hidden.md");
        assertThat(kept.out()).contains("bad transcripts (not replayed): 2");
        assertThat(replay("--keep-going", "hidden", "-o", "json").out())
                .contains("expect.criteria[0]: contains the invisible character U+001B at position 4");
        for (String report : List.of(kept.out(), kept.err(), project.read("hidden.md"))) {
            assertThat(report).doesNotContain("\u202E").doesNotContain("\u001b");
        }
    }

    @Test
    void theSameFileAsBaselineAndSaveBaselineStartsItOnTheFirstRun() throws Exception {
        var first = replay("--baseline", "ci/baseline.json", "--save-baseline", "ci/baseline.json");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("no baseline at ci/baseline.json yet: nothing compared; this run's report is saved as the baseline");
        assertThat(json(project.read("ci/baseline.json")).get("schema_version").asInt()).isEqualTo(1);
        var second = replay("--baseline", "ci/baseline.json", "--save-baseline", "ci/baseline.json");
        assertThat(second.out()).contains("Baseline ci/baseline.json: 0 new errors, 0 fixed").doesNotContain("no baseline at");
        var alone = replay("--baseline", "ci/other.json");
        assertThat(alone.exitCode()).isEqualTo(2);
    }

    @Test
    void aBadTranscriptStopsReplayWithItsLocationUnlessToldToKeepGoing() {
        project.write("transcripts/sub/broken.yaml", "id: broken\nmessages:\n  - role: robot\n    text: hi\n");
        var r = replay();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("handoff: transcripts/sub/broken.yaml:3:5: transcript 'broken': messages[0].role: 'robot' is not a role")
                .contains("--keep-going");
        assertThat(r.out()).isEmpty();
        var k = replay("--keep-going");
        assertThat(k.exitCode()).isZero();
        assertThat(k.out()).contains("1 bad (skipped)", "bad transcripts (not replayed): 1",
                "transcripts/sub/broken.yaml:3:5: transcript 'broken': messages[0].role");
    }

    @Test
    void unknownClassifierIsAClearUsageError() {
        var r = run("replay", "--classifier", "gpt9");
        assertThat(r.exitCode()).isEqualTo(2);
        // the list holds whatever classifiers this build registers (embedding and ollama once merged)
        assertThat(r.err()).contains("no classifier 'gpt9' (available: ")
                .contains("keywords").contains("scripted").contains("pass one of those, e.g. --classifier")
                .doesNotContain("a build that includes");
        // named first, also where no configuration is found: fixing the other mistake first would not help
        Path empty = home.resolve("no-project");
        var outside = new CliHarness(home).workDir(empty).run("replay", "--classifier", "gpt9");
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.err()).startsWith("handoff: no classifier 'gpt9'").doesNotContain("handoff.yaml");
    }

    @Test
    void missingProjectOrTranscriptsAreUsageErrors() throws Exception {
        Path empty = Files.createDirectories(home.resolve("empty"));
        var r = new CliHarness(home).workDir(empty).run("replay", "--classifier", "keywords");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no --config given and no handoff.yaml");
        var noDir = new CliHarness(home).workDir(empty).run("replay", "--classifier", "keywords", "--config",
                project.path("guidelines/support.yaml").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("no transcripts given and no folder transcripts");
        var missing = replay("nope/");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such file or folder");
    }

    @Test
    void onATerminalProgressGoesToStderrAndTheReportIsColoured() {
        var r = new CliHarness(home).workDir(project.dir).interactive(true, "").run("replay", "--classifier", "scripted");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("replay: ").contains("transcripts ·");
        assertThat(r.out()).contains("\u001b[").doesNotContain("replay: 1");
        var noColor = new CliHarness(home).workDir(project.dir).interactive(true, "").env("NO_COLOR", "1").run("replay", "--classifier", "scripted");
        assertThat(noColor.out()).doesNotContain("\u001b[");
    }

    @Test
    void sweepSaysSoWhenTheClassifierGivesNoScores() {
        var r = replay("--sweep");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("the 'scripted' classifier gives no scores, so there is nothing to sweep");
    }

    @Test
    void sweepSuggestsTheLowestThresholdWithinTheTargetFalsePositiveRate() throws Exception {
        Path sweep = ReplayProject.resource("replay/sweep");
        var r = replay("--sweep", sweep.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // s1 (expected) scores 0.2 then 0.9, s2 and s3 (not expected) 0.4 and 0.1: above 0.4 nothing is a false alarm
        assertThat(r.out()).contains("Threshold sweep", "user_frustration: no scores")
                .containsPattern("0\\.405 +100\\.0% +100\\.0% +0\\.0% +1 +0 +0  <- suggested for FP rate <= 1\\.0%")
                .containsPattern("0\\.150 +50\\.0% +100\\.0% +50\\.0% +1 +1 +0")
                .containsPattern("0\\.950 +- +0\\.0% +0\\.0% +0 +0 +1")
                // rows equal to the one above are left out, but never without a word, mid-table too
                .containsPattern("\\(the same up to 0\\.\\d{3}\\)\n +0\\.\\d{3} ");
        JsonNode j = json(replay("--sweep", "-o", "json", sweep.toString()).out());
        assertThat(j.at("/sweep/criteria/1/name").asText()).isEqualTo("asks_for_human");
        assertThat(j.at("/sweep/criteria/1/suggested/threshold").asDouble()).isEqualTo(0.405);
        assertThat(j.at("/run/all_turns").asBoolean()).as("--sweep replays every turn").isTrue();
    }

    @Test
    void evaluationSettingsGivenAsTheConfigurationPointToTheConfigurationBesideThem() throws Exception {
        project.write("guidelines/support.eval.yaml", "thresholds:\n  default: 0.5\n");
        var r = new CliHarness(home).workDir(project.dir).run("replay", "--config", "guidelines/support.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("support.eval.yaml: this is an evaluation settings file")
                .contains("name the configuration beside it (support.yaml)").doesNotContain("add 'x-handoff");
    }

    @Test
    void anotherConfigurationsCriteriaAreWarningsAndNoSecretReachesTheReport() throws Exception {
        Path plugit = Path.of("guidelines/plugit-sales.yaml").toAbsolutePath();
        project.write("guidelines/plugit-sales.yaml", Files.readString(plugit));
        var r = new CliHarness(home).workDir(project.dir).env("PLUGIT_SALES_WEBHOOK_KEY", "s3cr3t-webhook-value")
                .run("replay", "--classifier", "keywords", "--config", "guidelines/plugit-sales.yaml", "--junit", "out.xml", "--markdown", "out.md");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("human_handoff", "large_order")
                .contains("transcripts expect criterion 'asks_for_human', which the configuration does not have; it is not scored");
        var json = new CliHarness(home).workDir(project.dir).env("PLUGIT_SALES_WEBHOOK_KEY", "s3cr3t-webhook-value")
                .run("replay", "--classifier", "keywords", "--config", "guidelines/plugit-sales.yaml", "-o", "json");
        assertThat(json(json.out()).at("/unknown_labels/criteria/asks_for_human").asInt()).as("fixtures 01, 04, 05, 08, 09, 13").isEqualTo(6);
        for (String text : List.of(r.out(), r.err(), json.out(), project.read("out.xml"), project.read("out.md"))) {
            assertThat(text).doesNotContain("s3cr3t-webhook-value").doesNotContain("x-api-key");
        }
        var strict = replay("--strict-labels", "--config", "guidelines/plugit-sales.yaml");
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err()).contains("expect.criteria[0]: 'asks_for_human' is not a criterion of the configuration");
    }

    @Test
    void helpTeachesWithExamples() {
        var r = new CliHarness(home).run("replay", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:", "handoff replay --max-fp-rate 2% --baseline", "--shard $i/4", "Exit codes:", "95% Wilson");
        assertThat(r.err()).as("picocli format warnings").isEmpty();
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    private static JsonNode findByName(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name);
    }
}
