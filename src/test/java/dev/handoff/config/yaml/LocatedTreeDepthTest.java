package dev.handoff.config.yaml;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocatedTreeDepthTest {

    @Test
    void aFileNestedThousandsOfLevelsDeepGetsALineAndColumnAndNoJacksonJargon() {
        String text = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        var e = catchThrowableOfType(HandoffException.class, () -> LocatedTree.parse(Path.of("deep.yaml"), text));
        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
        assertThat(e.getMessage()).matches("deep\\.yaml:1:\\d+: malformed YAML: nested more than 1000 levels deep")
                .doesNotContain("StreamReadConstraints");
    }
}
