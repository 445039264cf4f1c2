package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report file holds one report: a second one appended with {@code >>} (a retried CI step) or a
 * merge conflict's marker after it is refused where it starts, by {@code report merge} and by
 * {@code replay --baseline}, instead of the first report being used without a word.
 */
class ReportMergeTrailingContentTest extends ReplayProjectTest {

    private static int lines(String text) {
        return (int) text.lines().count();
    }

    @Test
    void aShardWithASecondReportAppendedIsRefusedWhereTheSecondStarts() {
        String s1 = replay("--shard", "1/2", "-o", "json").out();
        project.write("s1.json", s1 + s1);
        project.write("s2.json", replay("--shard", "2/2", "-o", "json").out());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: s1.json:" + (lines(s1) + 1) + ":1: not a JSON report: more after the end of the report"
                + " (two reports in one file?)\n  keep one report per file");
    }

    @Test
    void aMergeConflictMarkerAfterAShardIsRefusedAtItsLine() {
        String s1 = replay("--shard", "1/2", "-o", "json").out();
        project.write("s1.json", s1 + "<<<<<<< HEAD\n");
        project.write("s2.json", replay("--shard", "2/2", "-o", "json").out());
        var r = run("report", "merge", "s1.json", "s2.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: s1.json:" + (lines(s1) + 1) + ":1: not a JSON report: more after the end");
    }

    @Test
    void aBaselineWithContentAfterItIsRefusedAndAWholeOneIsRead() {
        assertThat(replay("transcripts", "--save-baseline", "ci/b.json").exitCode()).isIn(0, 1);
        String saved = project.read("ci/b.json");
        project.write("ci/b2.json", saved + "}}} junk\n");
        var r = replay("transcripts", "--baseline", "ci/b2.json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: ci/b2.json:" + (lines(saved) + 1) + ":1: not a JSON report: more after the end of the report")
                .contains("save it again: --save-baseline ci/b2.json");
        project.write("ci/b3.json", saved + "\n  \n");
        assertThat(replay("transcripts", "--baseline", "ci/b3.json").exitCode()).as("white space after it is nothing").isIn(0, 1);
    }
}
