package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration with a value the documented rules refuse (a time zone "PST", read as UTC) is
 * replayed with a warning that the figures may not be the file's. Every report carries it: a
 * pull-request comment or a JUnit file that showed "gate passed" without it would read as all clear,
 * and so would a comparison with either side holding such a value.
 */
class RefusedValuesReportsTest extends ReplayProjectTest {

    private static final String REFUSED = "guidelines/support.yaml has 1 value the documented rules refuse (first: line ";

    private void timezone(String file, String zone) throws Exception {
        Path p = project.path(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, Files.readString(project.path("guidelines/support.yaml")).replaceFirst("timezone: .*", "timezone: " + zone));
    }

    @Test
    void theMarkdownSummaryAndTheJunitGateCaseCarryTheWarning() throws Exception {
        timezone("guidelines/support.yaml", "PST");
        var r = replay("--markdown", "r.md", "--junit", "r.xml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(project.read("r.md")).contains("✅ gate passed").contains("**Warnings**\n\n- " + REFUSED)
                .contains("settings.timezone: 'PST' is not an IANA time zone");
        Path xml = project.path("r.xml");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(ReplayProject.resource("junit/junit-report.xsd").toFile())
                .newValidator().validate(new StreamSource(xml.toFile()));
        var cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("testcase");
        String gateOut = null;
        for (int i = 0; i < cases.getLength(); i++) {
            var e = (org.w3c.dom.Element) cases.item(i);
            if (e.getAttribute("name").equals("gate")) {
                gateOut = e.getElementsByTagName("system-out").item(0).getTextContent();
            }
        }
        assertThat(gateOut).startsWith("warning: " + REFUSED).contains("settings.timezone");

        timezone("guidelines/support.yaml", "Europe/Berlin");
        assertThat(replay("--markdown", "ok.md").exitCode()).isZero();
        assertThat(project.read("ok.md")).doesNotContain("documented rules");
    }

    @Test
    void aCompareRunWarnsForEachSideThatHasARefusedValue() throws Exception {
        timezone("base/support.yaml", "Europe/Berlin");
        timezone("guidelines/support.yaml", "PST");
        var r = compare();
        assertThat(r.out()).as(r.toString()).contains("Warnings\n  " + REFUSED).doesNotContain("base: base/support.yaml has");

        timezone("guidelines/support.yaml", "Europe/Berlin");
        timezone("base/support.yaml", "PST");
        var j = json(compare("-o", "json", "--markdown", "c.md", "--junit", "c.xml").out());
        assertThat(j.get("warnings").toString()).contains("base: base/support.yaml has 1 value the documented rules refuse")
                .doesNotContain(REFUSED);
        assertThat(project.read("c.md")).contains("- base: base/support.yaml has 1 value the documented rules refuse");
        // after the current side's own warnings (fixture 15 expects an inactive criterion)
        assertThat(project.read("c.xml")).containsPattern("<system-out>(warning: [^\n]*\n)*warning: base: base/support.yaml has 1 value the"
                + " documented rules refuse");
    }

    @Test
    void theWarningQuotesALongRefusedValueCutOnOneLine() throws Exception {
        timezone("guidelines/support.yaml", "x".repeat(20_000));
        var r = replay();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String line = r.out().lines().filter(l -> l.contains("documented rules refuse")).findFirst().orElseThrow();
        assertThat(line).contains("settings.timezone: 'xxx").contains("x…); a value the rules refuse");
        assertThat(line.length()).isLessThan(700);
    }
}
