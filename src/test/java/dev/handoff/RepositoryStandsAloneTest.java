package dev.handoff;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's documents and code cite only what the repository holds. */
class RepositoryStandsAloneTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Built from parts, so that this file does not match itself. */
    private static final Pattern EXTERNAL_CONTRACT = Pattern.compile("\\b" + "SP" + "EC\\b");

    @Test
    void noFileCitesADocumentTheRepositoryDoesNotHave() throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(Files::isRegularFile).filter(RepositoryStandsAloneTest::isSource).toList()) {
                try {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (EXTERNAL_CONTRACT.matcher(lines.get(i)).find()) {
                            hits.add(ROOT.relativize(f) + ":" + (i + 1));
                        }
                    }
                } catch (MalformedInputException binary) {
                    // not text
                }
            }
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void theReadmeIsAFrontPage() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThan(300);
        assertThat(ROOT.resolve("LICENSE")).isRegularFile();
        assertThat(ROOT.resolve("CONTRIBUTING.md")).isRegularFile();
        assertThat(ROOT.resolve("bench/README.md")).isRegularFile();
    }

    private static boolean isSource(Path f) {
        Path rel = ROOT.relativize(f);
        String first = rel.getNameCount() > 0 ? rel.getName(0).toString() : "";
        if (first.equals("target") || first.startsWith(".")) {
            return false;
        }
        String name = f.getFileName().toString();
        return name.endsWith(".java") || name.endsWith(".md") || name.endsWith(".sh") || name.endsWith(".yaml")
                || name.endsWith(".yml") || name.endsWith(".xml") || name.endsWith(".txt") || name.equals("handoff");
    }
}
