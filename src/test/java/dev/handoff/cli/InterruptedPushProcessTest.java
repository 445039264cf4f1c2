package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code handoff push} as a separate JVM, interrupted (SIGINT, as Ctrl-C sends it) while its PUT
 * waits for the server's answer: it says on stderr that the write may have been applied and what
 * to run, and exits 130 as before. (Where the test runs with SIGINT ignored, as a background job
 * of a shell without job control inherits it, SIGTERM stands in: the same hook, exit 143.)
 * Interrupted after the write was answered, while the remote is read back, it says the write was applied.
 */
class InterruptedPushProcessTest extends RemoteCliFixture {

    @Test
    void anInterruptWhileThePutIsInFlightSaysItMayHaveBeenApplied() throws Exception {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 13 days");
        CountDownLatch putArrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        server.beforeAnswer(r -> {
            if (r.getMethod().equals("PUT")) {
                putArrived.countDown();
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Process push = startPush();
        int code;
        boolean sigint;
        try {
            assertThat(putArrived.await(60, TimeUnit.SECONDS)).as("the PUT reached the server").isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(push.pid())).inheritIO().start().waitFor();
            sigint = push.waitFor(15, TimeUnit.SECONDS);
            if (!sigint) {
                push.destroy(); // SIGTERM
                assertThat(push.waitFor(15, TimeUnit.SECONDS)).as("ended by SIGTERM").isTrue();
            }
            code = push.exitValue();
        } finally {
            answer.countDown();
            push.destroyForcibly();
        }

        String stderr = Files.readString(tmp.resolve("push.err"));
        assertThat(code).as(stderr).isEqualTo(sigint ? 130 : 143);
        assertThat(stderr).contains("handoff: interrupted during the write to " + server.url()
                + "/v1/api/human_handoff/configuration: it may have been applied; run 'handoff diff --target support' to see");
        assertThat(stderr.lines().filter(l -> l.contains("interrupted during the write"))).hasSize(1);
        outputs(Files.readString(tmp.resolve("push.out")), stderr);
    }

    @Test
    void aSigtermAfterTheWriteWasAppliedWhileItIsReadBackSaysItWasApplied() throws Exception {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 13 days");
        CountDownLatch readBack = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean written = new java.util.concurrent.atomic.AtomicBoolean();
        server.beforeAnswer(r -> {
            if (r.getMethod().equals("PUT")) {
                written.set(true);
            } else if (written.get() && r.getMethod().equals("GET")) {
                readBack.countDown(); // the verifying read after the applied write
                try {
                    answer.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        Process push = startPush();
        int code;
        try {
            assertThat(readBack.await(60, TimeUnit.SECONDS)).as("the read after the PUT reached the server").isTrue();
            push.destroy(); // SIGTERM
            assertThat(push.waitFor(15, TimeUnit.SECONDS)).as("ended by SIGTERM").isTrue();
            code = push.exitValue();
        } finally {
            answer.countDown();
            push.destroyForcibly();
        }

        String stderr = Files.readString(tmp.resolve("push.err"));
        assertThat(code).as(stderr).isEqualTo(143);
        assertThat(stderr).contains("handoff: interrupted after the write to " + server.url() + "/v1/api/human_handoff/configuration:"
                + " it was applied, but not yet recorded locally; run 'handoff diff --target support' to see");
        assertThat(stderr.lines().filter(l -> l.contains("interrupted"))).hasSize(1);
        assertThat(server.quickchat().toString()).contains("has not arrived after 13 days");
        outputs(Files.readString(tmp.resolve("push.out")), stderr);
    }

    /** {@code handoff push --yes} in a JVM of its own, stdout and stderr to push.out and push.err. */
    private Process startPush() throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.handoff.cli.Main", "push", "--yes").directory(project.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("HANDOFF_") || k.startsWith("PLUGIT_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("QC_TOKEN", QC_TOKEN);
        pb.redirectOutput(tmp.resolve("push.out").toFile()).redirectError(tmp.resolve("push.err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }
}
