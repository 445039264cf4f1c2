package dev.handoff.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources}. Run with {@code -Dgolden.update=true} to rewrite
 * them after an intended change, then review the git diff.
 */
public final class Golden {

    private static final Path ROOT = Path.of("src/test/resources");

    private Golden() {
    }

    public static void assertMatches(String resource, String actual) {
        Path file = ROOT.resolve(resource);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (rerun with -Dgolden.update=true to create or update it)", file).exists();
            assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String resource) {
        try {
            return Files.readString(ROOT.resolve(resource), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
