package dev.handoff.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Warnings of a pull-request comment: capped as its tables are, each warning one list item shown as written. */
class MarkdownWarningsTest {

    @Test
    void aLongListShowsTheFirstTwentyAndSaysHowManyMore() {
        StringBuilder b = new StringBuilder();
        MarkdownReport.warnings(b, IntStream.rangeClosed(1, 23).mapToObj(i -> "warning " + i).toList());
        assertThat(b.toString()).startsWith("**Warnings**\n\n- warning 1\n").contains("- warning 20\n").doesNotContain("warning 21")
                .endsWith("- … and 3 more (all in the text and JSON reports)\n\n");
        StringBuilder none = new StringBuilder();
        MarkdownReport.warnings(none, List.of());
        assertThat(none).isEmpty();
    }

    @Test
    void aWarningStartingWithAMarkIsNotAHeadingQuoteOrNestedList() {
        assertThat(MarkdownReport.item("# x.yaml has 1 value")).isEqualTo("\\# x.yaml has 1 value");
        assertThat(MarkdownReport.item("> q")).as("cell() makes it an entity").isEqualTo("&gt; q");
        assertThat(MarkdownReport.item("- a")).isEqualTo("\\- a");
        assertThat(MarkdownReport.item("1. a")).isEqualTo("1\\. a");
        assertThat(MarkdownReport.item("2 transcripts expect criterion 'x'")).isEqualTo("2 transcripts expect criterion 'x'");
        assertThat(MarkdownReport.item("a | b\nc")).isEqualTo("a \\| b c");
    }

    @Test
    void aGateFailureIsOneListItemWhateverItsCriterionIsCalled() {
        StringBuilder b = new StringBuilder();
        MarkdownReport.gateFailures(b, List.of("# Refunds: false-positive rate 9%", "1. Legal: recall 50%"));
        assertThat(b.toString()).isEqualTo("**Gate failures**\n\n- \\# Refunds: false-positive rate 9%\n- 1\\. Legal: recall 50%\n\n");
    }
}
