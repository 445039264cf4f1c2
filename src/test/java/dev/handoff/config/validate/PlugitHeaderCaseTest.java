package dev.handoff.config.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP header names ignore case: two that differ only in case are one header sent twice. */
class PlugitHeaderCaseTest {

    @TempDir
    Path dir;

    @Test
    void headerNamesThatDifferOnlyInCaseAreADuplicate() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "x-handoff:\n  provider: plugit\ntitle: Bot\ncategories:\n  - title: human_handoff\n    criteria: c\n"
                + "    webhook:\n      url: https://x.example/h\n      headers:\n"
                + "        x-api-key: ${env:A}\n        X-Other: ${env:B}\n        X-API-KEY: ${env:C}\n");
        var report = ConfigValidator.validate(file);
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.location().line()).isEqualTo(12);
            assertThat(f.path()).isEqualTo("categories[title=human_handoff].webhook.headers.X-API-KEY");
            assertThat(f.message()).isEqualTo("duplicate header 'X-API-KEY': header names ignore case, so it repeats 'x-api-key' (line 10)");
            assertThat(f.hint()).isEqualTo("keep one of the two");
        });
    }
}
