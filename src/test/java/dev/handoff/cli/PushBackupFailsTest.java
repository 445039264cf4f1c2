package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A backup that cannot be written stops the push before anything is sent, naming the file. */
class PushBackupFailsTest extends RemoteCliFixture {

    @Test
    void aBackupThatCannotBeWrittenNamesItsFileAndSaysNothingWasSent() throws Exception {
        assertThat(run("fetch").exitCode()).isZero();
        edit(file("support.yaml"), "is_active: true", "is_active: false");
        // the state folder's backups/ is a file: every backup under it fails
        Path backups = home.resolve(".local/state/handoff/backups");
        Files.createDirectories(backups.getParent());
        Files.writeString(backups, "not a folder");

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(backups.toString()).contains(": cannot write the backup of the remote (")
                .contains("); nothing was sent").contains("XDG_STATE_HOME");
        assertThat(server.methods()).doesNotContain("PUT");
    }
}
