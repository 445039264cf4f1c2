package dev.handoff.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that no secret appears in any output or in any file below a directory. */
public final class SecretScan {

    private SecretScan() {
    }

    public static void assertAbsent(List<String> secrets, Path root, String... outputs) {
        for (String output : outputs) {
            for (String secret : secrets) {
                assertThat(output).as("output").doesNotContain(secret);
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            for (Path file : all) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(text).as("content of %s", file).doesNotContain(secret);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
