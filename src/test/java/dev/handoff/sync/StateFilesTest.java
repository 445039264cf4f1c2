package dev.handoff.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StateFilesTest {

    @TempDir
    Path state;

    private static ObjectNode doc(int n) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.putObject("settings").put("is_active", true).put("n", n);
        return d;
    }

    @Test
    void everyBackupOfANewVersionIsANewPrivateFileEvenWithinOneSecond() throws Exception {
        StateFiles files = new StateFiles(state, new dev.handoff.secret.Redactor());
        Instant now = Instant.parse("2025-09-19T12:34:56Z");
        String v = Secrets.remoteVersion(Provider.QUICKCHAT, doc(1));
        String v2 = Secrets.remoteVersion(Provider.QUICKCHAT, doc(2));
        Path a = files.backup("support", Provider.QUICKCHAT, doc(1), v, now).path();
        Path b = files.backup("support", Provider.QUICKCHAT, doc(2), v2, now).path();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getFileName().toString()).isEqualTo("20250919T123456Z-" + v.substring(7, 19) + ".yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(a)).startsWith("x-handoff:\n  provider: quickchat\n  remote_version: " + v);
    }

    @Test
    void theSameVersionBackedUpAgainReusesTheNewestBackup() {
        StateFiles files = new StateFiles(state, new dev.handoff.secret.Redactor());
        Instant now = Instant.parse("2025-09-19T12:34:56Z");
        String v = Secrets.remoteVersion(Provider.QUICKCHAT, doc(1));
        StateFiles.Backup first = files.backup("support", Provider.QUICKCHAT, doc(1), v, now);
        StateFiles.Backup again = files.backup("support", Provider.QUICKCHAT, doc(1), v, now.plusSeconds(60));
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.path()).isEqualTo(first.path());
        files.discard(again);
        assertThat(first.path()).exists();
        files.discard(first);
        assertThat(first.path()).doesNotExist();
    }

    @Test
    void aSecretThatLeakedIntoADocumentIsMaskedInItsBackup() throws Exception {
        StateFiles files = new StateFiles(state, dev.handoff.secret.Redactor.of("whk_live_LEAKED_0001"));
        ObjectNode leaked = doc(1);
        leaked.with("settings").put("question_message", "key whk_live_LEAKED_0001");
        Path b = files.backup("support", Provider.QUICKCHAT, leaked, Secrets.remoteVersion(Provider.QUICKCHAT, leaked),
                Instant.parse("2025-09-19T12:34:56Z")).path();
        assertThat(Files.readString(b)).doesNotContain("whk_live_LEAKED_0001").contains("<redacted>");
    }

    @Test
    void onlyTheMostRecentVersionsAreKept() throws Exception {
        StateFiles files = new StateFiles(state, new dev.handoff.secret.Redactor());
        String first = null;
        for (int i = 0; i < StateFiles.VERSIONS_KEPT + 2; i++) {
            String v = Secrets.remoteVersion(Provider.QUICKCHAT, doc(i));
            files.rememberVersion("support", Provider.QUICKCHAT, doc(i), v);
            try (var s = Files.list(state.resolve("versions/support"))) {
                // make the order of modification times certain on coarse file systems
                for (Path p : s.toList()) {
                    if (Files.getLastModifiedTime(p).toMillis() > 1_000_000L * i) {
                        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * i + 1));
                    }
                }
            }
            first = first == null ? v : first;
        }
        try (var s = Files.list(state.resolve("versions/support"))) {
            assertThat(s.count()).isEqualTo(StateFiles.VERSIONS_KEPT);
        }
        assertThat(files.version("support", first)).isEmpty();
        String last = Secrets.remoteVersion(Provider.QUICKCHAT, doc(StateFiles.VERSIONS_KEPT + 1));
        assertThat(files.version("support", last)).contains(doc(StateFiles.VERSIONS_KEPT + 1));
    }
}
