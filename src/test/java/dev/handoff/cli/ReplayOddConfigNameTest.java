package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** A configuration file whose name holds a control character: replay's reports for people show it escaped, its JUnit file stays XML. */
class ReplayOddConfigNameTest extends ReplayProjectTest {

    @Test
    void aReplayOfAConfigWithAControlInItsNameEscapesItInTextAndJunit() throws Exception {
        String odd = "guidelines/q\u001bx.yaml";
        Files.copy(project.path("guidelines/support.yaml"), project.path(odd));
        var r = replay("--config", odd, "transcripts", "--junit", "j.xml");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(r.out()).doesNotContain("\u001b").contains("q\\u001Bx.yaml");
        assertThat(Files.readString(project.path("j.xml"))).doesNotContain("\u001b").contains("q\\u001Bx.yaml");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(project.path("j.xml").toFile());
    }

    @Test
    void compareEscapesBothFileNames() throws Exception {
        Files.createDirectories(project.path("base"));
        Files.copy(project.path("guidelines/support.yaml"), project.path("base/b\u0007ase.yaml"));
        Files.copy(project.path("guidelines/support.yaml"), project.path("guidelines/q\u001bx.yaml"));
        var r = replay("--config", "guidelines/q\u001bx.yaml", "--compare", "base/b\u0007ase.yaml", "transcripts");
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
        assertThat(r.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("q\\u001Bx.yaml against base/b\\u0007ase.yaml");
    }
}
