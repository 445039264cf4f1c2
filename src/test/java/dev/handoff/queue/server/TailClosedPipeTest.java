package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code handoff tail --json | head -1}: once the reader is gone, the next line ends the process. */
class TailClosedPipeTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;
    private Process tail;

    @AfterEach
    void stop() {
        if (tail != null) {
            tail.destroyForcibly();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void aClosedStdoutEndsTailAtTheNextLine() throws Exception {
        inbox = new InboxFixture(dir);
        inbox.deliver(InboxFixture.event("first", "2025-09-19T12:34:56Z"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.handoff.cli.Main",
                "tail", "--inbox", inbox.server.url(), "--json");
        pb.environment().put("HANDOFF_INBOX_TOKEN", InboxFixture.API_TOKEN);
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.redirectError(dir.resolve("tail.err").toFile());
        tail = pb.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).contains("\"type\":\"snapshot\"");
        lines.close(); // what head does after its lines: the pipe has no reader any more

        // keep the queue moving until the tail process notices; today it never does
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int n = 0;
        while (tail.isAlive() && System.nanoTime() < deadline) {
            inbox.deliver(InboxFixture.event("more " + n++, "2025-09-19T12:34:56Z"));
            tail.waitFor(200, TimeUnit.MILLISECONDS);
        }
        assertThat(tail.isAlive()).as("tail still running after %d more lines", n).isFalse();
        assertThat(n).as("changes written before it ended").isLessThan(10);
        // docs/exit-codes.md: a pipe whose reader went away ends the run quietly with 141 (128 + SIGPIPE), never 0
        assertThat(tail.exitValue()).isEqualTo(141);
        assertThat(Files.readString(dir.resolve("tail.err"))).doesNotContain("could not write the output").doesNotContain("\tat ");
    }
}
