package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON report is a contract (README "replay", JSON report; schema_version 1): other tools
 * and committed baselines read it, so any change of its shape shows up here. After an intended
 * change, regenerate with {@code ./mvnw test -Dtest=ReplayReportGoldenTest -Dgolden.update=true}.
 */
class ReplayReportGoldenTest {

    static final Path GOLDEN = Path.of("src/test/resources/replay/golden/scoring-report.json");

    @TempDir
    Path home;

    @Test
    void jsonReportOfTheScoringFixturesMatchesTheGoldenFile() throws Exception {
        ReplayProject project = new ReplayProject(home.resolve("project"));
        var r = new CliHarness(home).workDir(project.dir).run("replay", "--classifier", "scripted", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, r.out());
        }
        assertThat(r.out()).isEqualTo(Files.readString(GOLDEN));
    }
}
