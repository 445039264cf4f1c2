package dev.handoff.tui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void aRowLosesControlAndBidirectionalOverrideCharactersButKeepsRightToLeftLetters() {
        assertThat(Text.clean("name\u202Egnp.exe\u202C\tok\u001b[2J")).isEqualTo("namegnp.exe ok[2J");
        assertThat(Text.clean("שלום")).isEqualTo("שלום");
    }
}
