package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What replay reads besides well-formed transcripts: a folder with a link loop or a dangling link, a cut-off baseline. */
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
    void aLinkWhoseTargetWasMovedIsNamedInTheReportNotSkippedWithoutAWord() throws IOException {
        try {
            Files.createSymbolicLink(project.path("transcripts/moved.yaml"), Path.of("../archive/moved.yaml"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links: " + e);
        }
        var r = replay("--keep-going");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsOnlyOnce("not followed: transcripts/moved.yaml (a link to ../archive/moved.yaml, which does not exist)");
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
    void aNamedFileWithoutAnExtensionThatStartsWithABraceIsReadAsJsonLines() {
        String one = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],\"expect\":{\"handoff\":false}}\n";
        project.write("calls", "\uFEFF" + one.formatted("c-1") + one.formatted("c-2"));
        var r = replay("calls");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("2 transcripts: 2 scored");
        // a YAML transcript named the same way is still YAML
        project.write("one", "id: y-1\nmessages:\n  - role: user\n    text: hello\nexpect:\n  handoff: false\n");
        assertThat(replay("one").out()).contains("1 transcript: 1 scored");
    }

    @Test
    void aPipeWithoutAnExtensionIsReadOnceAsJsonLines() throws Exception {
        // what <(zcat calls.jsonl.gz) and standard input are: read as YAML, it stopped at line 2
        Path fifo = project.path("calls-pipe");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo: " + e);
            return;
        }
        assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        String one = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],\"expect\":{\"handoff\":false}}\n";
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, one.formatted("p-1") + one.formatted("p-2") + one.formatted("p-3"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        var r = replay("calls-pipe", "-o", "json");
        writer.join(10_000);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("\"p-1\"", "\"p-3\"", "\"source\" : \"calls-pipe:3\"");
    }

    @Test
    void aLineThatIsNotUtf8IsOneBadTranscriptAndTheOtherLinesAreReplayed() throws IOException {
        // P19: the bad byte on line 4 was reported at line 1, and with --keep-going lines 1-3 and 5-8 were never read
        String one = "{\"id\":\"%s\",\"messages\":[{\"role\":\"user\",\"text\":\"hello\"}],\"expect\":{\"handoff\":false}}\n";
        var bytes = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= 8; i++) {
            bytes.writeBytes((i == 4 ? one.formatted("x\u0001").replace('\u0001', '?') : one.formatted("u-" + i))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] b = bytes.toByteArray();
        int mark = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("x?");
        b[mark + 1] = (byte) 0xC3; // "x\xC3\"": a lead byte without its continuation
        Files.write(project.path("bad.jsonl"), b);
        var stop = replay("bad.jsonl");
        assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(stop.err()).startsWith("handoff: bad.jsonl:4:9: not valid UTF-8 (byte 0xC3)\n  save the file as UTF-8");
        var on = replay("--keep-going", "bad.jsonl");
        assertThat(on.exitCode()).as(on.toString()).isZero();
        assertThat(on.out()).contains("7 transcripts: 7 scored", "1 bad (skipped)", "bad.jsonl:4:9: not valid UTF-8 (byte 0xC3)")
                .doesNotContain("the rest of the file");
    }

    @Test
    void aDashIsStandardInputUnlessAFileHasThatName() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin");
        assertThat(dev.handoff.transcript.TranscriptFilesAccess.isStdin(project.path("-"))).isTrue();
        project.write("-", "id: dash\nmessages:\n  - role: user\n    text: hello\nexpect:\n  handoff: false\n");
        assertThat(dev.handoff.transcript.TranscriptFilesAccess.isStdin(project.path("-"))).isFalse();
        assertThat(replay("-").out()).contains("1 transcript: 1 scored");
    }

    @Test
    void aFolderGivenAsStandardInputIsRefusedNotWalked() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p;
        try {
            // Java cannot open a folder as a child's stdin; a shell can
            p = new ProcessBuilder("bash", "-c", "exec \"$0\" -Xmx128m -XX:TieredStopAtLevel=1 -cp \"$1\" dev.handoff.cli.Main "
                    + "replay --classifier keywords - < transcripts", javaBin, System.getProperty("java.class.path"))
                    .directory(project.dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no bash: " + e);
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(ExitCode.USAGE);
        assertThat(out).startsWith("handoff: -: standard input is a folder, not a stream of transcripts");
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
