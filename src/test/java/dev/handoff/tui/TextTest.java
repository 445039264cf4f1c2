package dev.handoff.tui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void lineSeparatorsBecomeSpacesAndJoinersThatTerminalsDrawAsOneGlyphAreRemoved() {
        assertThat(Text.clean("a\u2028b\u2029c")).isEqualTo("a b c");
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(Text.clean(family)).isEqualTo("\uD83D\uDC69\uD83D\uDC69\uD83D\uDC67");
        assertThat(Text.clean("\u2764\uFE0F ok\u200B")).isEqualTo("\u2764 ok");
        assertThat(Text.clean("a \uD83D\uDC4D\uD83C\uDFFD b")).as("a skin tone modifier goes, the thumb stays").isEqualTo("a \uD83D\uDC4D b");
        assertThat(Text.clean("\uD83C\uDF89 party")).as("other emoji of the same high surrogate stay").isEqualTo("\uD83C\uDF89 party");
    }

    @Test
    void aRowLosesControlAndBidirectionalOverrideCharactersButKeepsRightToLeftLetters() {
        assertThat(Text.clean("name\u202Egnp.exe\u202C\tok\u001b[2J")).isEqualTo("namegnp.exe ok[2J");
        assertThat(Text.clean("שלום")).isEqualTo("שלום");
    }
}
