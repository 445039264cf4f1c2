package dev.handoff.config.validate;

import dev.handoff.config.yaml.LocatedTree;
import dev.handoff.config.yaml.Yaml;
import dev.handoff.error.HandoffException;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API push calls: {@code ConfigValidator.validate(Path)}. */
class ConfigValidatorTest {

    @TempDir
    Path dir;

    @Test
    void reportsErrorsWithTheirLocationAndFieldPath() throws Exception {
        Path file = dir.resolve("support.yaml");
        Files.writeString(file, """
                x-handoff:
                  provider: quickchat
                settings:
                  timezone: Mars/Olympus
                custom_guidelines:
                  - name: Refunds
                    description: The user asks for a refund.
                    is_active: true
                """);
        ValidationReport report = ConfigValidator.validate(file);
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.errors()).extracting(Finding::path).containsExactly("(document)", "settings", "settings.timezone");
        assertThat(report.errors().get(2)).satisfies(f -> {
            assertThat(f.location()).isEqualTo(new SourceLocation(file, 4, 13));
            assertThat(f.rule()).isEqualTo("settings.timezone time-zone");
            assertThat(f.path()).isEqualTo("settings.timezone");
            assertThat(f.message()).isEqualTo("'Mars/Olympus' is not an IANA time zone");
        });
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void theExamplesHaveNoErrors() {
        assertThat(ConfigValidator.validate(Path.of("guidelines/quickchat-support.yaml")).hasErrors()).isFalse();
        assertThat(ConfigValidator.validate(Path.of("guidelines/plugit-sales.yaml")).findings()).isEmpty();
    }

    @Test
    void unreadableInputIsAUsageError() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "settings: {is_active: true\n");
        assertThatThrownBy(() -> ConfigValidator.validate(file))
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE))
                .hasMessageStartingWith(file + ":2:1: malformed YAML");
        assertThatThrownBy(() -> ConfigValidator.validate(dir.resolve("missing.yaml")))
                .isInstanceOf(HandoffException.class).hasMessageEndingWith("missing.yaml: no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"guidelines/quickchat-support.yaml", "guidelines/plugit-sales.yaml",
            "src/test/resources/canonical/quickchat-shuffled.input.yaml"})
    void theLocatedTreeIsTheTreeTheRestOfTheToolReads(String path) throws Exception {
        String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        LocatedTree tree = LocatedTree.parse(Path.of(path), text);
        assertThat(tree.root()).isEqualTo(Yaml.yaml().readTree(text));
        assertThat(tree.problems()).isEmpty();
    }

    @Test
    void suggestionsAreTyposNotGuesses() {
        assertThat(Suggest.closest("descripton", QuickchatRules.CUSTOM_KEYS)).isEqualTo("description");
        assertThat(Suggest.closest("isActive", QuickchatRules.CUSTOM_KEYS)).isEqualTo("is_active");
        assertThat(Suggest.closest("frobnicate", QuickchatRules.CUSTOM_KEYS)).isNull();
        assertThat(dev.handoff.text.EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }
}
