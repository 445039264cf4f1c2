package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The "record them" command is printed to be pasted: it must run as printed, whatever the paths are called. */
class RecordCommandTextTest {

    @TempDir
    Path dir;

    @Test
    void pathsAreQuotedAndAnInputLikeAnOptionComesAfterDashDash() {
        String command = VerdictOptions.recordCommand("recorded", dir.resolve("my cfg.yaml"), "my cfg.yaml",
                List.of("-tr", "it's.jsonl"), false, null);
        assertThat(command).isEqualTo("handoff replay --config 'my cfg.yaml' --classifier ollama --record -- -tr 'it'\\''s.jsonl'");
        assertThat(VerdictOptions.recordCommand("recorded", dir.resolve("a.yaml"), "a.yaml", List.of("t"), true, null))
                .isEqualTo("handoff replay --config a.yaml --classifier ollama --all-turns --record t");
    }
}
