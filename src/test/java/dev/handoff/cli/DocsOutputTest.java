package dev.handoff.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Output pasted into the docs is what the shipped project prints today. */
class DocsOutputTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    @Test
    void theValidatePageShowsWhatValidatePrints() throws IOException {
        List<String> blocks = textBlocks(ROOT.resolve("docs/validate.md"));
        String[] files = {"guidelines/quickchat-support.yaml", "guidelines/plugit-sales.yaml"};

        // the page's first example, at the root of the repository (its handoff.yaml accepts the warning)
        var here = new CliHarness(home).workDir(ROOT).run(prepend("validate", files));
        assertThat(here.exitCode()).as(here.toString()).isZero();
        assertThat(blocks.get(0)).isEqualTo(here.out());

        // the same files in a folder without handoff.yaml
        for (String f : files) {
            Files.createDirectories(elsewhere.resolve(f).getParent());
            Files.copy(ROOT.resolve(f), elsewhere.resolve(f));
        }
        var bare = new CliHarness(home).workDir(elsewhere).run(prepend("validate", files));
        assertThat(bare.exitCode()).as(bare.toString()).isZero();
        assertThat(blocks.get(1)).isEqualTo(bare.out());
    }

    @Test
    void theAsciiDocFilesAreNotCalledManPages() throws IOException {
        for (String doc : List.of("README.md", "docs/install.md", "CONTRIBUTING.md")) {
            String text = Files.readString(ROOT.resolve(doc)).replaceAll("\\s+", " ");
            assertThat(text).as(doc).doesNotContain("AsciiDoc man page per command").doesNotContain("the jar and man pages")
                    .doesNotContain("the man pages (target/man)");
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The ```text blocks of a Markdown page, each with its trailing newline. */
    private static List<String> textBlocks(Path page) throws IOException {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(page)) {
            if (block == null && line.equals("```text")) {
                block = new StringBuilder();
            } else if (block != null && line.equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append(System.lineSeparator());
            }
        }
        return blocks;
    }
}
