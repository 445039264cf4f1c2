package dev.handoff.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A device or a pipe has no size: the 5 MB limit of local YAML files was checked on the size alone,
 * so such a file was read to its end (a link to /dev/zero until the heap was full: a stack trace,
 * exit 1). It is read up to the limit, and refused like a large file.
 */
class OversizedInputTest {

    @TempDir
    Path home;
    Path work;

    @BeforeEach
    void zero() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
        work = Files.createDirectories(home.resolve("work"));
        Files.createSymbolicLink(work.resolve("zero.yaml"), Path.of("/dev/zero"));
    }

    @Test
    void validateReadsADeviceOnlyUpToTheLimit() {
        var r = new CliHarness(home).workDir(work).run("validate", "zero.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: zero.yaml: the file is larger than 5 MB (it is not a regular file: a pipe or a device);"
                + " at most 5 MB is accepted\n  check that this is the file you meant\n");
        assertThat(r.out()).isEqualTo("1 of 1 file invalid: 0 errors, 0 warnings, 1 not readable\n");
    }

    @Test
    void diffOfTwoFilesReadsADeviceOnlyUpToTheLimit() throws IOException {
        Files.writeString(work.resolve("a.yaml"), "x-handoff: {provider: caty}\ntriggers: {}\n");
        var r = new CliHarness(home).workDir(work).run("diff", "a.yaml", "zero.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("handoff: zero.yaml: the file is larger than 5 MB");
    }
}
