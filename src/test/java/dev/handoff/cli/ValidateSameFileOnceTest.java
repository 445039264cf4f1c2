package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** One file named several ways is checked and counted once: the summary counts files, not arguments. */
class ValidateSameFileOnceTest {

    @TempDir
    Path home;

    @Test
    void aFileNamedAsPathDotPathFolderAndGlobIsCheckedOnce() throws Exception {
        Path work = Files.createDirectories(home.resolve("work/dd"));
        Files.copy(Path.of("guidelines/quickchat-support.yaml").toAbsolutePath(), work.resolve("q.yaml"));
        var r = new CliHarness(home).workDir(work.getParent()).run("validate", "dd", "dd/q.yaml", "./dd/q.yaml", "dd/*.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).endsWith("1 file valid: 0 errors, 1 warning\n");
        assertThat(r.out().lines().filter(l -> l.contains("warning: settings.keywords[4]"))).hasSize(1);
    }

    @Test
    void targetsSharingAFileCountItOnce() throws Exception {
        Path work = Files.createDirectories(home.resolve("shared"));
        Files.copy(Path.of("guidelines/quickchat-support.yaml").toAbsolutePath(), work.resolve("q.yaml"));
        Files.writeString(work.resolve("handoff.yaml"), "targets:\n"
                + "  a: {provider: quickchat, url: https://app.quickchat.ai, file: q.yaml}\n"
                + "  b: {provider: quickchat, url: https://app.quickchat.ai, file: ./q.yaml}\n");
        var r = new CliHarness(home).workDir(work).run("validate");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).endsWith("1 file valid: 0 errors, 1 warning\n");
    }
}
