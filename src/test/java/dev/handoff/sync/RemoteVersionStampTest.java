package dev.handoff.sync;

import dev.handoff.config.LocalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteVersionStampTest {

    @TempDir
    Path dir;

    private String stamp(String text) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, text);
        RemoteVersionStamp.update(LocalConfig.read(file), "sha256:abc123");
        assertThat(LocalConfig.read(file).remoteVersion()).isEqualTo("sha256:abc123");
        return Files.readString(file);
    }

    @Test
    void replacesTheExistingLineAndKeepsComments() throws Exception {
        assertThat(stamp("# ours\nx-handoff:\n  provider: quickchat\n  remote_version: sha256:old # fetched\nsettings: {is_active: true}  # on\n"))
                .isEqualTo("# ours\nx-handoff:\n  provider: quickchat\n  remote_version: sha256:abc123\nsettings: {is_active: true}  # on\n");
    }

    @Test
    void addsTheLineToABlockOrAFlowHeader() throws Exception {
        assertThat(stamp("x-handoff:\n    provider: quickchat\nsettings: {}\n"))
                .isEqualTo("x-handoff:\n    provider: quickchat\n    remote_version: sha256:abc123\nsettings: {}\n");
        assertThat(stamp("x-handoff: {provider: quickchat}\nsettings: {}\n"))
                .isEqualTo("x-handoff:\n  provider: quickchat\n  remote_version: sha256:abc123\nsettings: {}\n");
    }

    @Test
    void addsAHeaderToAFileWithoutOneAfterLeadingComments() throws Exception {
        assertThat(stamp("# support bot\nsettings: {is_active: true}\n"))
                .isEqualTo("# support bot\nx-handoff:\n  provider: quickchat\n  remote_version: sha256:abc123\nsettings: {is_active: true}\n");
    }

    @Test
    void keepsWindowsLineEndings() throws Exception {
        assertThat(stamp("x-handoff:\r\n  provider: quickchat\r\nsettings: {}\r\n"))
                .isEqualTo("x-handoff:\r\n  provider: quickchat\r\n  remote_version: sha256:abc123\r\nsettings: {}\r\n");
    }
}
