package dev.handoff.config.yaml;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A control character in a YAML file is named with its own line and column, not "1:1: special characters". */
class UnprintableTest {

    @Test
    void theCharacterAndItsPositionAreNamed() {
        String text = "settings:\n  is_active: true\n  question_message: \"ab\u0001c\"\n";
        var e = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("c.yaml"), text));
        assertThat(e.getMessage()).isEqualTo("c.yaml:3:24: malformed YAML: a control character (U+0001) is not allowed in YAML");
        assertThat(e.hint()).contains("\"\\u0001\"");
        var viaFiles = catchThrowableOfType(HandoffException.class, () -> YamlFiles.parse(Path.of("c.yaml"), text));
        assertThat(viaFiles.getMessage()).startsWith("c.yaml:3:24:");
    }

    @Test
    void tabsLineBreaksAndTextInAnyScriptAreAllowed() {
        assertThat(Yaml.firstUnprintable("a:\tb\r\nc: \"日本語 😀 \u00e9\"\n\uFEFF")).isEmpty();
        assertThat(Yaml.firstUnprintable("ok\n\u0085\nx\u007f")).hasValueSatisfying(u -> {
            assertThat(u.line()).isEqualTo(3);
            assertThat(u.column()).isEqualTo(2);
            assertThat(u.codePoint()).isEqualTo(0x7f);
        });
    }
}
