package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A custom guideline named like another criterion replay reports by name: the two would merge in its reports. */
class CriterionNameClashTest {

    @TempDir
    Path dir;

    private List<String> clashes(String evalSettings) throws IOException {
        Path file = dir.resolve("q.yaml");
        Files.writeString(file, "x-handoff:\n  provider: quickchat\ncustom_guidelines:\n"
                + "  - {name: failed_attempts, description: d, is_active: true}\n"
                + "  - {name: User_Frustration, description: d, is_active: true}\n"
                + "  - {name: keywords, description: d, is_active: true}\n"
                + "  - {name: asks_for_human, description: d, is_active: true}\n");
        if (evalSettings != null) {
            Files.writeString(dir.resolve("q.eval.yaml"), evalSettings);
        }
        return ConfigValidator.validate(file).findings().stream().filter(f -> f.message().contains("could not tell them apart"))
                .map(f -> f.path() + ": " + f.message()).toList();
    }

    @Test
    void failedAttemptsClashesWhenTheEvaluationSettingsDefineIt() throws IOException {
        assertThat(clashes("failed_attempts:\n  after: 2\n")).containsExactly(
                "custom_guidelines[name=failed_attempts].name: 'failed_attempts' is also the name of the failed-attempts rule of "
                        + "q.eval.yaml: replay reports and transcripts could not tell them apart",
                "custom_guidelines[name=User_Frustration].name: 'User_Frustration' is the name of a generic guideline "
                        + "('user_frustration') in another case: replay reports and transcripts could not tell them apart",
                "custom_guidelines[name=keywords].name: 'keywords' is also the name of the keyword triggers: "
                        + "replay reports and transcripts could not tell them apart");
    }

    @Test
    void withoutTheRuleFailedAttemptsIsAnOrdinaryName() throws IOException {
        assertThat(clashes(null)).hasSize(2).noneMatch(m -> m.contains("failed_attempts"));
    }
}
