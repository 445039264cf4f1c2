package dev.handoff.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void aQuotedMessageKeepsNoControlOrBidirectionalCharacters() {
        // U+202E would show "refund" as "dnufer" and reorder the rest of a report line or pull-request comment
        String quoted = Format.quote("I want a \u202Erefund\u202C now\u0007\nplease \u2066x\u2069", 80);
        assertThat(quoted).isEqualTo("\"I want a refund now please x\"");
        assertThat(Format.quote("مرحبا, I need help", 80)).isEqualTo("\"مرحبا, I need help\"");
    }

    @Test
    void aCutTextKeepsItsFirstCharactersAndSaysItWasCut() {
        assertThat(Format.cut("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Format.cut("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(Format.cut("😀".repeat(7), 6)).as("an emoji is one character, never split").isEqualTo("😀".repeat(5) + "…");
        assertThat(Format.quote("x".repeat(100), 10)).isEqualTo("\"xxxxxxxxx…\"");
    }
}
