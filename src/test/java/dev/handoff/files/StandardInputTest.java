package dev.handoff.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Descriptor 0 taken by a file of the JVM's own means standard input was closed, not a transcript stream. */
class StandardInputTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfTheJdkOrAJarIsTheJvmsOwn() throws Exception {
        Path javaHome = Files.createDirectories(dir.resolve("jdk/lib"));
        Path modules = Files.writeString(javaHome.resolve("modules"), "x");
        assertThat(StandardInput.isJvmFile(modules, dir.resolve("jdk"))).isTrue();
        assertThat(StandardInput.isJvmFile(dir.resolve("app/lib/okhttp.jar"), dir.resolve("jdk"))).isTrue();
        assertThat(StandardInput.isJvmFile(dir.resolve("cache/handoff-17.jsa"), dir.resolve("jdk"))).isTrue();
    }

    @Test
    void aPipeATerminalOrAUsersFileIsStandardInput() throws Exception {
        Path jdk = Files.createDirectories(dir.resolve("jdk"));
        assertThat(StandardInput.isJvmFile(Path.of("pipe:[3008440]"), jdk)).isFalse();
        assertThat(StandardInput.isJvmFile(Path.of("/dev/pts/3"), jdk)).isFalse();
        assertThat(StandardInput.isJvmFile(Files.writeString(dir.resolve("calls.jsonl"), "{}"), jdk)).isFalse();
        assertThat(StandardInput.isJvmFile(null, jdk)).isFalse();
    }

    @Test
    void thisTestsOwnStandardInputIsNotTakenForClosed() {
        // surefire's forked JVM reads its standard input from a pipe
        assertThat(StandardInput.closed()).isFalse();
    }
}
