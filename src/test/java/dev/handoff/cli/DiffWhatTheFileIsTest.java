package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * diff OLD NEW of a file that is no configuration says what the file is, as validate does: telling the
 * user to add an x-handoff provider header to evaluation settings or the project file is wrong advice.
 */
class DiffWhatTheFileIsTest {

    @TempDir
    Path home;

    private CliHarness.Result diff(String... files) {
        String[] args = new String[files.length + 1];
        args[0] = "diff";
        System.arraycopy(files, 0, args, 1, files.length);
        return new CliHarness(home).workDir(home).run(args);
    }

    @Test
    void evaluationSettingsAreNamedAsSuch() throws IOException {
        Files.copy(Path.of("guidelines/quickchat-support.eval.yaml").toAbsolutePath(), home.resolve("q.eval.yaml"));
        var r = diff("q.eval.yaml", "q.eval.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("handoff: q.eval.yaml: this is an evaluation settings file (NAME.eval.yaml), not a configuration;"
                        + " diff compares two quickchat, plugit or caty configurations")
                .contains("check it with 'handoff validate q.eval.yaml'")
                .doesNotContain("cannot tell", "x-handoff");
    }

    @Test
    void theProjectFileIsNamedAsSuch() throws IOException {
        Files.writeString(home.resolve("handoff.yaml"), "targets:\n  s: {provider: caty, file: c.yaml}\n");
        var r = diff("handoff.yaml", "handoff.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("handoff: handoff.yaml: this is a project file (it maps 'targets'), not a quickchat, plugit or caty configuration")
                .contains("diff, fetch and push work on configurations")
                .doesNotContain("cannot tell", "x-handoff");
    }

    @Test
    void aListAtTheTopIsCalledAListAndTheHintNamesEveryProvider() throws IOException {
        Files.writeString(home.resolve("list.yaml"), "- a\n- b\n");
        var r = diff("list.yaml", "list.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString())
                .contains("list.yaml: expected a mapping at the top of the file, found a list")
                .contains("'settings:' (quickchat), 'categories:' (plugit) or 'triggers:' (caty)")
                .doesNotContain("array");
    }
}
