package dev.handoff.diff;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordDiffTest {

    @Test
    void showsOnlyTheChangedWordsWithSomeContext() {
        String from = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
        String to = "one two three four five six seven eight NINE ten eleven twelve thirteen fourteen fifteen sixteen";
        assertThat(WordDiff.render(from, to, false))
                .isEqualTo("… four five six seven eight [-nine-]{+NINE+} ten eleven twelve thirteen fourteen …");
    }

    @Test
    void insertionsAndDeletionsAtTheEdges() {
        assertThat(WordDiff.render("a b c", "x a b", false)).isEqualTo("{+x+} a b [-c-]");
    }

    @Test
    void colourReplacesTheMarkersOnATerminal() {
        String out = WordDiff.render("keep old", "keep new", true);
        assertThat(out).contains("\u001b[31mold\u001b[0m").contains("\u001b[32mnew\u001b[0m").doesNotContain("[-");
    }

    @Test
    void whitespaceOnlyChangesAreNamed() {
        assertThat(WordDiff.render("a  b", "a b", false)).isEqualTo("(only whitespace changed)");
    }
}
