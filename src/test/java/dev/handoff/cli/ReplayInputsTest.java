package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What replay reads besides well-formed transcripts: a folder with a link loop, a cut-off baseline. */
class ReplayInputsTest extends ReplayProjectTest {

    @Test
    void aFolderLinkLoopIsReadOnceAndTheLinkNotedOnce() throws IOException {
        try {
            Files.createSymbolicLink(project.path("transcripts/loop"), Path.of("."));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
        }
        var r = replay("--keep-going");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("17 transcripts: 14 scored").doesNotContain("duplicate");
        assertThat(r.out()).containsOnlyOnce("not followed: transcripts/loop (a link back to a folder that is being read: transcripts)");
    }

    @Test
    void aJsonFileInAFolderIsNotReadButSaidNotReadAndAnNdjsonFileIsRead() {
        String one = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],\"expect\":{\"handoff\":false}}\n";
        project.write("transcripts/moved.json", one.formatted("moved"));
        project.write("transcripts/more.ndjson", one.formatted("nd-1") + one.formatted("nd-2"));
        project.write("transcripts/baseline.json", replay("-o", "json").out());
        var r = replay("--keep-going", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("not read: 1 .json transcript in the folders (transcripts/moved.json); a folder is read for "
                + ".yaml, .yml, .jsonl and .ndjson files").contains("\"nd-2\"").doesNotContain("\"moved\"");
        var named = replay("transcripts/moved.json");
        assertThat(named.exitCode()).as(named.toString()).isZero();
        assertThat(named.out()).contains("1 transcript: 1 scored").doesNotContain("not read");
    }

    @Test
    void aCutOffBaselineNamesItsLineAndColumn() {
        String report = replay("-o", "json").out();
        project.write("trunc.json", report.substring(0, report.indexOf("\"run\"") + 8));
        var r = replay("--baseline", "trunc.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).containsPattern("^handoff: trunc\\.json:\\d+:\\d+: not a JSON report: ")
                .doesNotContain("Unrecognized token").doesNotContain("Source");
    }
}
