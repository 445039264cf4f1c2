package dev.handoff.diff;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordDiffTest {

    @Test
    void showsOnlyTheChangedWordsWithSomeContext() {
        String from = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
        String to = "one two three four five six seven eight NINE ten eleven twelve thirteen fourteen fifteen sixteen";
        assertThat(WordDiff.render(from, to, false).toString())
                .isEqualTo("… four five six seven eight [-nine-]{+NINE+} ten eleven twelve thirteen fourteen …");
    }

    @Test
    void insertionsAndDeletionsAtTheEdges() {
        assertThat(WordDiff.render("a b c", "x a b", false).toString()).isEqualTo("{+x+} a b [-c-]");
    }

    @Test
    void colourReplacesTheMarkersOnATerminal() {
        String out = WordDiff.render("keep old", "keep new", true).toString();
        assertThat(out).contains("\u001b[31mold\u001b[0m").contains("\u001b[32mnew\u001b[0m").doesNotContain("[-");
    }

    @Test
    void aControlCharacterInAWordIsShownNeverObeyedWithColourOrWithout() {
        // a long description from a server or a file: ESC, BEL, the one-byte CSI and a text-direction override
        String from = "the user asks for a refund and the bot cannot help with it at all today \u001b[1;1H\u001b[2K";
        String to = "the user asks for a refund and the bot cannot help with it at all now \u001b]0;pwned\u0007 \u009b2J \u202eevil";
        for (boolean colour : new boolean[] {false, true}) {
            String out = WordDiff.render(from, to, colour).toString();
            assertThat(out).contains("\\u001B[1;1H\\u001B[2K", "\\u001B]0;pwned\\u0007", "\\u009B2J", "\\u202Eevil")
                    .doesNotContain("\u0007", "\u009b", "\u202e");
            assertThat(out.replaceAll("\u001b\\[3[12]m|\u001b\\[0m", "")).doesNotContain("\u001b");
        }
    }

    @Test
    void whitespaceOnlyChangesAreNamed() {
        assertThat(WordDiff.render("a  b", "a b", false).toString()).isEqualTo("(only whitespace changed)");
    }
}
