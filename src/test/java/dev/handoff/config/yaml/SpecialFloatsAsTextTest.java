package dev.handoff.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** YAML 1.1's .inf and .nan, which Jackson's YAML parser resolves as floats it cannot read. */
class SpecialFloatsAsTextTest {

    private static final String TEXT = "a: .inf\nb: -.Inf\nc: .nan\nd: [.NaN, 1.5]\ne: 2\n";

    @Test
    void theTreeReaderGivesThemAsTheTextWrittenAndKeepsRealNumbers() throws Exception {
        JsonNode root = Yaml.readTree(TEXT);
        assertThat(root.get("a").isTextual()).isTrue();
        assertThat(root.get("a").asText()).isEqualTo(".inf");
        assertThat(root.get("b").asText()).isEqualTo("-.Inf");
        assertThat(root.get("c").asText()).isEqualTo(".nan");
        assertThat(root.get("d").get(0).asText()).isEqualTo(".NaN");
        assertThat(root.get("d").get(1).isDouble()).isTrue();
        assertThat(root.get("e").isInt()).isTrue();
    }

    @Test
    void theLocatedTreeGivesTheSameTreeWithPositions() {
        LocatedTree located = LocatedTree.parse(Path.of("c.yaml"), TEXT);
        assertThat(located.root().get("a").asText()).isEqualTo(".inf");
        assertThat(located.root().get("d").get(0).isTextual()).isTrue();
        assertThat(located.valueAt("/c").line()).isEqualTo(3);
    }

    @Test
    void yamlFilesReadThemAsText() {
        assertThat(YamlFiles.parse(Path.of("x.yaml"), "token: .inf\n").get("token").asText()).isEqualTo(".inf");
    }

    @Test
    void aNumberPastWhatADoubleHoldsIsRefusedAtItsPositionByEveryReader() {
        String text = "settings:\n  user_ids:\n    - 101\n    - 1e400\n";
        var viaFiles = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> YamlFiles.parse(Path.of("x.yaml"), text));
        assertThat(viaFiles.getMessage()).contains("x.yaml:4:").contains("the number 1e400 is larger than a decimal number can be");
        assertThat(viaFiles.hint()).contains("put it in quotes");
        var located = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> LocatedTree.parse(Path.of("x.yaml"), text));
        assertThat(located.getMessage()).contains("x.yaml:4:").contains("the number 1e400");
        var tiny = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> YamlFiles.parse(Path.of("x.yaml"), "a: 1e-400\n"));
        assertThat(tiny.getMessage()).contains("x.yaml:1:").contains("smaller than a decimal number can be");
        var longOne = org.assertj.core.api.Assertions.catchThrowableOfType(dev.handoff.error.HandoffException.class,
                () -> YamlFiles.parse(Path.of("x.yaml"), "a: 9" + "9".repeat(320) + ".5\n"));
        assertThat(longOne.getMessage()).as("shown by its start").hasSizeLessThan(200);
        assertThat(YamlFiles.parse(Path.of("x.yaml"), "a: 0.0e-400\nb: 4.9e-324\n").get("a").asDouble()).isZero();
        // as large as a double goes, and a long integer, are still numbers
        assertThat(YamlFiles.parse(Path.of("x.yaml"), "a: 1.7e308\nb: 123456789012345678901234567890\n").get("a").isDouble()).isTrue();
    }
}
