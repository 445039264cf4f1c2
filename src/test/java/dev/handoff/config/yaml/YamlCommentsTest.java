package dev.handoff.config.yaml;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YamlCommentsTest {

    @Test
    void wholeLineAndEndOfLineCommentsAreFoundAsWritten() {
        String yaml = "# header\nsettings:\n  is_active: true  # since March\n  - a\n    # indented\n";
        assertThat(YamlComments.of(yaml)).containsExactly("# header", "# since March", "# indented");
    }

    @Test
    void aHashInQuotesInABlockTextOrWithoutABlankBeforeItIsNoComment() {
        String yaml = """
                url: https://example.com/a#frag
                name: "Team #1 # not a comment"
                other: 'it''s # text'
                language: C#
                description: |
                  Line one # part of the text
                    # still the text
                next: value # a comment
                """;
        assertThat(YamlComments.of(yaml)).containsExactly("# a comment");
    }
}
