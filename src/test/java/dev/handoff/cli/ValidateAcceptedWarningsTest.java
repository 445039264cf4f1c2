package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** accepted_warnings in handoff.yaml: accepted, stale, mismatched, malformed, and the repository's own. */
class ValidateAcceptedWarningsTest {

    @TempDir
    Path home;

    private static final String TARGETS = """
            targets:
              support:
                provider: quickchat
                url: https://app.quickchat.ai
                file: guidelines/q.yaml
            """;

    /** A project whose q.yaml is the shipped example: one warning at settings.keywords[4] ('real person'). */
    private Path project(String accepted) throws IOException {
        Path dir = Files.createDirectories(home.resolve("project/guidelines")).getParent();
        Files.copy(Path.of("guidelines/quickchat-support.yaml"), dir.resolve("guidelines/q.yaml"));
        Files.writeString(dir.resolve("handoff.yaml"), TARGETS + accepted);
        return dir;
    }

    private CliHarness cli(Path workDir) {
        return new CliHarness(home).workDir(workDir);
    }

    @Test
    void anAcceptedWarningPassesStrictAndIsStillShown() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                    contains: real person
                    reason: kept to show the false positive
                """);
        var r = cli(dir).run("validate", "--strict", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString())
                .contains("guidelines/q.yaml:10:7: accepted: settings.keywords[4]: 'real person'", "(kept to show the false positive)")
                .endsWith("1 file valid: 0 errors, 0 warnings, 1 accepted\n")
                .doesNotContain("warning: ");
        // run from a subfolder: handoff.yaml is found above and its paths are relative to its own folder
        var below = cli(dir.resolve("guidelines")).run("validate", "--strict", "q.yaml");
        assertThat(below.exitCode()).as(below.toString()).isZero();
        assertThat(below.out()).contains("1 accepted");
    }

    @Test
    void anIndexShiftWhoseTextNoLongerMatchesIsNotAccepted() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                    contains: live agent
                    reason: the keyword moved
                """);
        var r = cli(dir).run("validate", "--strict", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("guidelines/q.yaml:10:7: warning: settings.keywords[4]: 'real person'")
                .contains("handoff.yaml:7:5: warning: accepted_warnings[0]: stale acceptance: no warning at settings.keywords[4] containing 'live agent' any more")
                .contains("remove it from handoff.yaml")
                .doesNotContain("accepted: ");
    }

    @Test
    void aStaleEntryIsAWarningThatStrictCatches() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[2]
                    reason: was risky once
                """);
        var lenient = cli(dir).run("validate", "guidelines/q.yaml");
        assertThat(lenient.exitCode()).as(lenient.toString()).isZero();
        var strict = cli(dir).run("validate", "--strict", "guidelines/q.yaml");
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(strict.out()).contains("handoff.yaml:7:5: warning: accepted_warnings[0]: stale acceptance");
    }

    @Test
    void anEntryForAFileNotValidatedIsNotStale() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/other.yaml
                    field: settings.keywords[2]
                    reason: checked in another run
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                    reason: kept on purpose
                """);
        var r = cli(dir).run("validate", "--strict", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("stale");
    }

    @Test
    void anEntryWithoutAReasonIsAPlainErrorWithLineAndColumn() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                """);
        var r = cli(dir).run("validate", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: handoff.yaml:7:5: accepted_warnings[0].reason is missing\n")
                .contains("say why the warning is kept").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMisspelledKeyIsAnErrorNotAWiderAcceptance() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                    contain: live agent
                    reason: kept to show the false positive
                """);
        var r = cli(dir).run("validate", "--strict", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: handoff.yaml:9:14: accepted_warnings[0].contain is not a field of an accepted warning; "
                        + "did you mean 'contains'?\n")
                .contains("an entry has file, field, reason and optionally contains").doesNotContain("Exception", "\tat ");
    }

    @Test
    void anErrorCannotBeAccepted() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.is_active
                    reason: trying to hide an error
                """);
        Path q = dir.resolve("guidelines/q.yaml");
        Files.writeString(q, Files.readString(q).replaceFirst("is_active: true", "is_active: maybe"));
        var r = cli(dir).run("validate", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("guidelines/q.yaml:4:14: error: settings.is_active")
                .contains("handoff.yaml:7:5: warning: accepted_warnings[0]: matches an error at settings.is_active; errors cannot be accepted");
    }

    @Test
    void jsonMarksAcceptedWarningsWithTheirReason() throws IOException {
        Path dir = project("""
                accepted_warnings:
                  - file: guidelines/q.yaml
                    field: settings.keywords[4]
                    reason: kept on purpose
                """);
        var r = cli(dir).run("validate", "-o", "json", "--strict", "guidelines/q.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode root = Yaml.json().readTree(r.out());
        assertThat(root.path("warnings").asInt()).isZero();
        assertThat(root.path("accepted").asInt()).isEqualTo(1);
        JsonNode finding = root.path("files").get(0).path("findings").get(0);
        assertThat(finding.path("path").asText()).isEqualTo("settings.keywords[4]");
        assertThat(finding.path("accepted").asBoolean()).isTrue();
        assertThat(finding.path("reason").asText()).isEqualTo("kept on purpose");
    }

    @Test
    void theRepositoryItselfPassesStrict() {
        Path repo = Path.of("").toAbsolutePath();
        for (String[] args : new String[][]{{"validate", "--strict"}, {"validate", "--strict", "guidelines/"}}) {
            var r = cli(repo).run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).as(r.toString()).contains("1 accepted").doesNotContain("warning: ");
        }
    }
}
