package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --junit} is red exactly when the command exits 1: a suite of its own holds the test case "gate",
 * failing with the gate's messages, for replay, report merge and replay --compare alike. Without it a
 * gate that failed on a rate limit or against the baseline left every transcript's case green.
 */
class JunitGateCaseTest extends ReplayProjectTest {

    /** Validates the file against the JUnit schema and returns the gate's test case. */
    private Element gateCase(String file) throws Exception {
        Path xml = project.path(file);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(ReplayProject.resource("junit/junit-report.xsd").toFile())
                .newValidator().validate(new StreamSource(xml.toFile()));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals("gate") && e.getAttribute("classname").equals("gate")) {
                return e;
            }
        }
        throw new AssertionError("no gate test case in " + file);
    }

    private static String failure(Element gate) {
        var f = gate.getElementsByTagName("failure");
        return f.getLength() == 0 ? null : ((Element) f.item(0)).getAttribute("message");
    }

    @Test
    void aRateLimitThatFailsTheGateFailsTheGateCase() throws Exception {
        var r = replay("--max-fp-rate", "10%", "--junit", "r.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(failure(gateCase("r.xml"))).startsWith("gate failed: ")
                .contains("user_frustration: false-positive rate 15.4% is above the limit 10.0%");
        assertThat(project.read("r.xml")).containsPattern("<testsuites [^>]*tests=\"18\"");
        var passed = replay("--junit", "p.xml");
        assertThat(passed.exitCode()).isZero();
        assertThat(failure(gateCase("p.xml"))).isNull();
    }

    @Test
    void aBaselineGateThatFailsWithEveryTranscriptGreenFailsTheGateCase() throws Exception {
        assertThat(replay("--save-baseline", "ci/baseline.json").exitCode()).isZero();
        // a label without criteria, newly missed: no transcript case fails, the gate does
        project.write("transcripts/06-empty-criteria-any-reason.yaml", project.read("transcripts/06-empty-criteria-any-reason.yaml")
                .replace("script: {\"1\": {fired: [user_frustration, Refund requests]}}", "script: {}"));
        var r = replay("--baseline", "ci/baseline.json", "--junit", "b.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(failure(gateCase("b.xml"))).contains("handoffs expected without criteria: 2 missed, 1 more than the baseline's 1");
        // and that transcript's own case is red too: its handoff was missed, whatever no criterion's FN says
        assertThat(failure(testCase("b.xml", "empty-criteria-any-reason"))).startsWith("FN handoff (nothing fired)");
    }

    private Element testCase(String file, String id) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.path(file).toFile());
        var cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no test case " + id + " in " + file);
    }

    @Test
    void aMergedRunThatFailsTheGateFailsTheGateCase() throws Exception {
        for (int i = 1; i <= 2; i++) {
            project.write("s" + i + ".json", replay("--shard", i + "/2", "-o", "json").out());
        }
        var r = run("report", "merge", "s1.json", "s2.json", "--max-fp-rate", "0.1", "--junit", "merged.xml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(failure(gateCase("merged.xml"))).contains("false-positive rate 15.4% is above the limit 10.0%");
    }

    @Test
    void aComparisonThatFailsTheGateFailsTheGateCase() throws Exception {
        project.write("base/support.yaml", project.read("guidelines/support.yaml"));
        project.write("guidelines/support.yaml", project.read("guidelines/support.yaml").replace("    - live agent\n", ""));
        project.write("t/t.jsonl", "{\"id\":\"n1\",\"messages\":[{\"role\":\"user\",\"text\":\"live agent please\"}],\"expect\":{\"handoff\":true}}\n");
        var r = replay("t", "--compare", "base/support.yaml", "--max-new-fn", "0", "--junit", "c.xml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(failure(gateCase("c.xml"))).contains("handoffs expected without criteria: 1 missed, 1 more than the base's 0");
        var passed = replay("t", "--compare", "base/support.yaml", "--junit", "c2.xml");
        assertThat(passed.exitCode()).isZero();
        assertThat(failure(gateCase("c2.xml"))).isNull();
    }
}
