package dev.handoff.classify.embedding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DescriptionTest {

    @Test
    void anExclusionSentenceIsSplitOffWithTheExamplesItQuotes() {
        Description d = Description.split("The user is clearly frustrated with us. Mild impatience (\"hmm\", \"ok?\") is not enough.");
        assertThat(d.includes()).isEqualTo("The user is clearly frustrated with us.");
        assertThat(d.excludes()).containsExactly("Mild impatience (\"hmm\", \"ok?\") is not enough.", "hmm", "ok?");
    }

    @Test
    void questionsAboutThePolicyAreExcludedFromRefundRequests() {
        Description d = Description.split("The user asks for a refund or chargeback, or says a refund we promised has not arrived "
                + "after 14 days. Questions about the return policy alone are not refund requests.");
        assertThat(d.includes()).startsWith("The user asks for a refund").doesNotContain("return policy");
        assertThat(d.excludes()).containsExactly("Questions about the return policy alone are not refund requests.");
    }

    @Test
    void aNegationThatDescribesTheCriterionStaysIn() {
        Description d = Description.split("The answer depends on data that the bot cannot see. The bot's answer did not address it.");
        assertThat(d.excludes()).isEmpty();
        assertThat(d.includes()).isEqualTo("The answer depends on data that the bot cannot see. The bot's answer did not address it.");
    }

    @Test
    void anEmptyDescriptionHasNeitherPart() {
        assertThat(Description.split("  ")).isEqualTo(new Description("", java.util.List.of()));
    }
}
