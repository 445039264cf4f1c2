package dev.handoff.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fixture per rule under {@code src/test/resources/validate/}, named for the behaviour it
 * shows; beside each, {@code NAME.expected} holds the exit code and the exact report
 * ({@code file:line:col: severity: path: message} and hint lines), reviewed by hand.
 * Fixtures are copied to an empty folder so that no repository around them is searched.
 */
class ValidateRulesTest {

    @TempDir
    Path home;

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(ValidateRulesTest.class.getResource("/validate")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedFindings(String fixture) throws Exception {
        Path source = Path.of(Objects.requireNonNull(getClass().getResource("/validate/" + fixture)).toURI());
        Path work = Files.createDirectories(home.resolve("work"));
        Files.copy(source, work.resolve(fixture));
        String expected = Files.readString(source.resolveSibling(fixture.replaceFirst("\\.yaml$", ".expected")), StandardCharsets.UTF_8);
        int expectedExit = Integer.parseInt(expected.lines().findFirst().orElseThrow().replace("exit ", "").trim());
        String expectedOut = expected.substring(expected.indexOf('\n') + 1);

        var r = new CliHarness(home).workDir(work).run("validate", fixture);

        assertThat(r.out()).as(r.toString()).isEqualTo(expectedOut);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(expectedExit);
        assertThat(r.err()).as(r.toString()).isEmpty();
    }
}
