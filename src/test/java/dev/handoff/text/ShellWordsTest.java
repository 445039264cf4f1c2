package dev.handoff.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShellWordsTest {

    @Test
    void aPlainPathStaysAsItIsAndAnythingElseIsSingleQuoted() {
        assertThat(ShellWords.quote("guidelines/quickchat-support.yaml")).isEqualTo("guidelines/quickchat-support.yaml");
        assertThat(ShellWords.quote("sp ace/it's/x.yaml")).isEqualTo("'sp ace/it'\\''s/x.yaml'");
        assertThat(ShellWords.quote("$HOME;rm")).isEqualTo("'$HOME;rm'");
        assertThat(ShellWords.quote("")).isEqualTo("''");
    }
}
