package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The base of the replay command tests: a fresh {@link ReplayProject} per test, and replay with the scripted classifier. */
abstract class ReplayProjectTest {

    @TempDir
    Path home;

    ReplayProject project;

    @BeforeEach
    void setUpProject() {
        project = new ReplayProject(home.resolve("project"));
    }

    /** {@code handoff replay --classifier scripted ARGS} in the project. */
    CliHarness.Result replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay", "--classifier", "scripted"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** {@code handoff replay --classifier scripted --compare base/support.yaml ARGS} in the project. */
    CliHarness.Result compare(String... args) {
        List<String> all = new ArrayList<>(List.of("--compare", "base/support.yaml"));
        all.addAll(List.of(args));
        return replay(all.toArray(String[]::new));
    }

    /** Any command in the project. */
    CliHarness.Result run(String... args) {
        return new CliHarness(home).workDir(project.dir).run(args);
    }

    static JsonNode json(String text) throws Exception {
        return Yaml.json().readTree(text);
    }
}
