package dev.handoff.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Transcript text and ids go into pull-request comments: shown as written, never as markup or a notification. */
class MarkdownCellTest {

    @Test
    void markupInACellIsShownAsWrittenAndNobodyIsNotified() {
        assertThat(MarkdownReport.cell("ping @alice and @org/team about `rm -rf` *now* [here](http://x) a|b <script>"))
                .isEqualTo("ping @\u200Balice and @\u200Borg/team about \\`rm -rf\\` \\*now\\* [here]\\(http://x) a\\|b &lt;script&gt;");
        assertThat(MarkdownReport.cell("m&lt; & co")).as("an entity in an id is shown, not rendered").isEqualTo("m&amp;lt; &amp; co");
        assertThat(MarkdownReport.cell("mail me: bob@example.com")).as("only an @ that starts a name is broken")
                .isEqualTo("mail me: bob@\u200Bexample.com");
        assertThat(MarkdownReport.cell("two\nlines\\")).isEqualTo("two lines\\\\");
    }

    @Test
    void aCodeSpanCannotBeEndedEarlyNorSplitTheTable() {
        assertThat(MarkdownReport.code("id`with|pipe\nx")).as("the id as written, not a look-alike").isEqualTo("``id`with\\|pipe x``");
        assertThat(MarkdownReport.code("c``d`")).isEqualTo("``` c``d` ```");
        assertThat(MarkdownReport.code("plain")).isEqualTo("`plain`");
    }
}
