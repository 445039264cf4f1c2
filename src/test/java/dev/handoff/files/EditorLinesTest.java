package dev.handoff.files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditorLinesTest {

    @Test
    void linesBreakAtLfCrLfAndLoneCrOnlyAndColumnsCountCodePoints() {
        // "a\u2028b" is one editor line; the emoji is one code point in two chars
        EditorLines lines = EditorLines.of("a\u2028b\r\nc\rd\n\uD83D\uDE00e");
        assertThat(lines.position(2)).containsExactly(1, 3);   // b
        assertThat(lines.position(5)).containsExactly(2, 1);   // c
        assertThat(lines.position(7)).containsExactly(3, 1);   // d
        assertThat(lines.position(10)).containsExactly(4, 2);  // e, after one code point
        assertThat(EditorLines.forYaml("plain\ntext")).as("YAML counts these lines alike").isNull();
    }
}
