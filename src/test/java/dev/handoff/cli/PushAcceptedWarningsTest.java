package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * push and validate count warnings alike: a warning handoff.yaml accepts (accepted_warnings) is not
 * announced by push as one that 'handoff validate' would show.
 */
class PushAcceptedWarningsTest extends RemoteCliFixture {

    @Test
    void anAcceptedWarningIsNotCountedAsAWarning() throws Exception {
        assertThat(run("fetch").exitCode()).isZero();
        // the remote's keywords hold 'real person', which occurs in ordinary messages, and two more warnings
        var before = run("push", "--dry-run");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.err()).contains("handoff: 3 warnings in guidelines/support.yaml; see 'handoff validate guidelines/support.yaml'")
                .doesNotContain("warning(s)");

        Files.writeString(project.resolve("handoff.yaml"), Files.readString(project.resolve("handoff.yaml")) + """
                accepted_warnings:
                  - file: guidelines/support.yaml
                    field: settings.keywords[4]
                    reason: customers type it when they want a person
                """);
        var validate = run("validate", "guidelines/support.yaml");
        assertThat(validate.out()).contains("2 warnings, 1 accepted");
        var after = run("push", "--dry-run");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.err()).contains("handoff: 2 warnings in guidelines/support.yaml (and 1 accepted in handoff.yaml); see 'handoff validate");
    }
}
