package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own CI gate: replay against the repository's configuration, compared with the
 * committed baseline; this test fails the build when a change makes classification worse.
 *
 * <p>It runs the README's main job (the embedded classifier, offline). After a change meant to
 * alter the results, write the baseline again with the command in the README ("replay", "The
 * project's CI gate"). The baseline is not in transcripts/, whose own test allows only
 * transcripts and its README there.
 */
class ProjectReplayGateTest {

    static final String CLASSIFIER = "embedding";
    static final String CONFIG = "guidelines/quickchat-support.yaml";
    static final String TRANSCRIPTS = "transcripts";
    static final String BASELINE = "src/test/resources/replay/project-baseline.json";

    @TempDir
    Path home;

    @Test
    void theRepositoryConfigurationIsNoWorseThanTheCommittedBaseline() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        assertThat(root.resolve(BASELINE)).as("committed baseline").isRegularFile();
        Path junit = home.resolve("replay.xml");
        var r = new CliHarness(home).workDir(root).run("replay", "--classifier", CLASSIFIER, "--config", CONFIG, TRANSCRIPTS,
                "--baseline", BASELINE, "--junit", junit.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Gate: passed", "Baseline " + BASELINE);
        assertThat(Files.readString(junit)).contains("<testsuite ");
    }
}
