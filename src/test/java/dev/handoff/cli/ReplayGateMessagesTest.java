package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gate says, and when: the same message in the text, JSON, Markdown and JUnit reports, one
 * a reader can check and act on.
 */
class ReplayGateMessagesTest extends ReplayProjectTest {

    /** The failure message of the JUnit report's "gate" test case, or null when it passed. */
    private String junitGateFailure(String file) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.path(file).toFile());
        var cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals("gate") && e.getAttribute("classname").equals("gate")) {
                var f = e.getElementsByTagName("failure");
                return f.getLength() == 0 ? null : ((Element) f.item(0)).getAttribute("message");
            }
        }
        throw new AssertionError("no gate test case in " + file);
    }

    private void invalidTranscript(String id) {
        project.write("broken/" + id + ".yaml", "id: " + id + "\nmeta:\n  script: {\"1\": {invalid: \"reply is an HTML page\"}}\n"
                + "messages:\n  - {role: user, text: \"I want a person\"}\nexpect: {handoff: true, criteria: [asks_for_human]}\n");
    }

    @Test
    void aRunWhereEveryTranscriptGotInvalidOutputFailsTheGateWithoutAnyLimitSet() throws Exception {
        invalidTranscript("a");
        invalidTranscript("b");
        String message = "nothing was measured: all 2 transcripts got invalid classifier output";

        var r = replay("broken", "--markdown", "r.md", "--junit", "r.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("2 transcripts: 0 scored, 0 unlabelled, 2 invalid output", "Gate: FAILED", "  - " + message)
                .doesNotContain("Gate: passed");
        assertThat(project.read("r.md")).startsWith("## handoff replay — ❌ gate failed").contains(message).doesNotContain("✅");
        assertThat(junitGateFailure("r.xml")).contains(message);
        JsonNode gate = json(replay("broken", "-o", "json").out()).get("gate");
        assertThat(gate.get("passed").asBoolean()).isFalse();
        assertThat(gate.at("/failures/0/check").asText()).isEqualTo("nothing_scored");
        assertThat(gate.at("/failures/0/message").asText()).startsWith(message);

        // one unlabelled transcript beside them: still nothing measured, and the message counts both
        project.write("broken/c.yaml", "id: c\nmessages:\n  - {role: user, text: hello}\n");
        var mixed = replay("broken");
        assertThat(mixed.exitCode()).as(mixed.toString()).isEqualTo(1);
        assertThat(mixed.out()).contains("nothing was measured: none of 3 transcripts was scored (1 unlabelled, 2 with invalid classifier output)");

        // one scored transcript among them: the run measured something, and with no limit set it passes as before
        project.write("broken/d.yaml", "id: d\nmessages:\n  - {role: user, text: hello}\nexpect: {handoff: false}\n");
        var measured = replay("broken");
        assertThat(measured.exitCode()).as(measured.toString()).isZero();
        assertThat(measured.out()).contains("Gate: passed");
    }

    @Test
    void aRateAndALimitThatRoundAlikeAreShownWithTheDigitsThatTellThemApart() throws Exception {
        // user_frustration: 2 FP of 13 negatives, 15.3846%: "15.4% is above the limit 15.4%" said nothing a reader could check
        var r = replay("--max-fp-rate", "15.38%", "--markdown", "r.md", "--junit", "r.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String fp = "user_frustration: false-positive rate 15.385% (2 of 13) is above the limit 15.38% (2 FP)";
        assertThat(r.out()).contains("  - " + fp);
        assertThat(project.read("r.md")).contains("- " + fp);
        assertThat(junitGateFailure("r.xml")).contains(fp);

        assertThat(replay("--min-recall", "50.04%").out())
                .contains("asks_for_human: recall 50.00% (2 of 4) is below the limit 50.04% (2 FN)");
        assertThat(replay("--min-precision", "66.7%").out())
                .contains("asks_for_human: precision 66.67% (2 of 3) is below the limit 66.7%");
        assertThat(replay("--max-fp-rate", "10%").out()).as("apart at one decimal: shown as before")
                .contains("user_frustration: false-positive rate 15.4% is above the limit 10.0% (2 FP)");
    }

    @Test
    void aRecallLimitOnAnInactiveCriterionSaysItIsInactiveAndLabelsNamingOneAreWarnedOnce() throws Exception {
        // fixture 15 expects lack_of_knowledge, which the configuration switched off: its FN can never become a TP
        var r = replay("--min-recall", "10%", "--markdown", "r.md", "--junit", "r.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        String failure = "lack_of_knowledge: recall 0.0% is below the limit 10.0% (1 FN); it is inactive in the configuration,"
                + " so it never fires: activate it, or fix the labels that expect it";
        assertThat(r.out()).contains("  - " + failure);
        assertThat(project.read("r.md")).contains("- " + failure);
        assertThat(junitGateFailure("r.xml")).contains(failure);
        assertThat(replay("--min-recall", "60%").out()).as("an active criterion's failure says nothing of the kind")
                .contains("  - asks_for_human: recall 50.0% is below the limit 60.0% (2 FN)\n");

        String warning = "1 transcript expects criterion 'lack_of_knowledge', which is inactive in the configuration, so it never fires"
                + " and is a false negative wherever a scored transcript expects it; activate it, or fix the labels";
        var plain = replay("--markdown", "p.md");
        assertThat(plain.exitCode()).as("a warning, not a failure: " + plain).isZero();
        assertThat(plain.out()).contains(warning);
        assertThat(project.read("p.md")).contains(warning);

        project.write("transcripts/18-inactive-again.yaml", "id: inactive-again\nmessages:\n  - {role: user, text: \"Do you ship to Mars?\"}\n"
                + "expect: {handoff: true, criteria: [lack_of_knowledge]}\n");
        var two = replay();
        assertThat(two.out()).as("one warning per criterion, counting its transcripts")
                .contains("2 transcripts expect criterion 'lack_of_knowledge', which is inactive").doesNotContain("1 transcript expects criterion 'lack");
    }

    @Test
    void onlyUnlabelledTranscriptsWithoutALimitIsALookAtWhatFiresAndPasses() {
        project.write("unlabelled/a.yaml", "id: a\nmessages:\n  - {role: user, text: hello}\n");
        var r = replay("unlabelled");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Gate: passed");
    }
}
