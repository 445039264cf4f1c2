package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** A malformed credentials file is reported by position only: its text is tokens, also under -v. */
class CredentialsFileErrorsTest extends RemoteCliFixture {

    private static final String FILE_TOKEN = "qc_CREDS_SECRET_555";

    @Test
    void aMalformedCredentialsFileNeverShowsItsTextEvenVerbose() throws IOException {
        Path file = Files.createDirectories(home.resolve(".config/handoff")).resolve("credentials.yaml");
        Files.writeString(file, "tokens:\n  support: \"" + FILE_TOKEN + "\n  sales: x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        CliHarness noTokenVariable = new CliHarness(home).workDir(project);

        var verbose = run(noTokenVariable, "-v", "fetch");
        var quiet = run(noTokenVariable, "fetch");

        assertThat(verbose.exitCode()).as(verbose.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(verbose.err()).contains("credentials.yaml:").contains("not valid YAML")
                .contains("at dev.handoff"); // -v still prints a stack trace, only without the file's text
        for (var r : java.util.List.of(verbose, quiet)) {
            assertThat(r.out()).doesNotContain(FILE_TOKEN).doesNotContain("CREDS_SECRET");
            assertThat(r.err()).doesNotContain(FILE_TOKEN).doesNotContain("CREDS_SECRET").doesNotContain("sales: x");
        }
        assertThat(quiet.err().lines().count()).isLessThanOrEqualTo(2);
    }
}
