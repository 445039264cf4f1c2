package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLineTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path home;

    @Test
    void stderrShowsControlsEscapedExceptTheProgressLinesOwn() {
        StringWriter err = new StringWriter();
        var context = new CliContext(java.util.Map.of(), dev.handoff.config.UserDirs.from(java.util.Map.of(), home), home,
                java.io.InputStream.nullInputStream(), false);
        picocli.CommandLine cl = Cli.create(context, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        // what every command's warnings, notes and connection states are printed with
        cl.getErr().println("warning: \u001b]0;x\u0007 \u009b2J \u202e");
        StatusLine line = new StatusLine(((HandoffCommand) cl.getCommand()).progressErr());
        line.show(() -> "replay: 3 of transcripts/\u001b[2J.json");
        assertThat(err.toString()).isEqualTo("warning: \\u001B]0;x\\u0007 \\u009B2J \\u202E\n"
                + "\rreplay: 3 of transcripts/\\u001B[2J.json\u001b[K");
    }

    @Test
    void redrawsInPlaceAtMostFourTimesASecondAndClearsItself() {
        StringWriter err = new StringWriter();
        StatusLine line = new StatusLine(new PrintWriter(err, true));
        line.show(() -> "one");
        line.show(() -> "two"); // within the same quarter second: drawn when it is over
        line.show(() -> "three");
        assertThat(err.toString()).isEqualTo("\rone\u001b[K");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!err.toString().contains("three") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(err.toString()).as("the newest text, once").isEqualTo("\rone\u001b[K\rthree\u001b[K");
        line.clear();
        assertThat(err.toString()).endsWith("\r\u001b[K");
    }

    @Test
    void aTextWaitingForItsTurnIsNotDrawnAfterTheLineWasCleared() throws Exception {
        StringWriter err = new StringWriter();
        StatusLine line = new StatusLine(new PrintWriter(err, true));
        line.show(() -> "one");
        line.show(() -> "late");
        line.clear();
        Thread.sleep(400);
        assertThat(err.toString()).isEqualTo("\rone\u001b[K\r\u001b[K");
    }

    @Test
    void replayProgressShowsCountTurnsRateAndEta() {
        assertThat(ReplayProgress.text(1200, 5000, 2950, 4.0)).isEqualTo("replay: 1,200/5,000 transcripts · 2,950 turns · 300/s · ETA 12s");
        assertThat(ReplayProgress.text(10, 0, 0, 0)).isEqualTo("replay: 10 transcripts · 0/s");
        // transcripts finish in input order: no ETA before 5% of them, however long it has run
        assertThat(ReplayProgress.text(1, 101, 188, 3.0)).isEqualTo("replay: 1/101 transcripts · 188 turns · 0/s");
        assertThat(ReplayProgress.text(4_999, 100_000, 9_000, 20)).doesNotContain("ETA");
        assertThat(ReplayProgress.text(5_000, 100_000, 9_000, 2.0)).contains("ETA");
    }
}
