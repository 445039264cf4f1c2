package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.yaml.Yaml;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code handoff transcripts import} run from a home directory of its own, which is also the work directory. */
abstract class TranscriptsImportFixture {

    @TempDir
    Path home;

    CliHarness.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("transcripts", "import"));
        all.addAll(List.of(args));
        return new CliHarness(home).workDir(home).run(all.toArray(String[]::new));
    }

    /** Writes a file under the home directory, making its folders. */
    void write(String relative, String content) throws IOException {
        Files.createDirectories(home.resolve(relative).toAbsolutePath().getParent());
        Files.writeString(home.resolve(relative), content);
    }

    static List<JsonNode> jsonl(String text) {
        return text.lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return Yaml.json().readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
