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

    private static final StateKey SUPPORT = new StateKey("support", Provider.QUICKCHAT, "https://app.quickchat.ai", null);

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
        Path a = files.backup(SUPPORT, doc(1), v, now).path();
        Path b = files.backup(SUPPORT, doc(2), v2, now).path();
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
        StateFiles.Backup first = files.backup(SUPPORT, doc(1), v, now);
        StateFiles.Backup again = files.backup(SUPPORT, doc(1), v, now.plusSeconds(60));
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
        Path b = files.backup(SUPPORT, leaked, Secrets.remoteVersion(Provider.QUICKCHAT, leaked),
                Instant.parse("2025-09-19T12:34:56Z")).path();
        assertThat(Files.readString(b)).doesNotContain("whk_live_LEAKED_0001").contains("<redacted>");
    }

    @Test
    void onlyTheMostRecentVersionsAreKept() throws Exception {
        StateFiles files = new StateFiles(state, new dev.handoff.secret.Redactor());
        String first = null;
        for (int i = 0; i < StateFiles.VERSIONS_KEPT + 2; i++) {
            String v = Secrets.remoteVersion(Provider.QUICKCHAT, doc(i));
            files.rememberVersion(SUPPORT, doc(i), v);
            try (var s = Files.list(state.resolve("versions").resolve(SUPPORT.folder()))) {
                // make the order of modification times certain on coarse file systems
                for (Path p : s.toList()) {
                    if (Files.getLastModifiedTime(p).toMillis() > 1_000_000L * i) {
                        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * i + 1));
                    }
                }
            }
            first = first == null ? v : first;
        }
        try (var s = Files.list(state.resolve("versions").resolve(SUPPORT.folder()))) {
            assertThat(s.count()).isEqualTo(StateFiles.VERSIONS_KEPT);
        }
        assertThat(files.version(SUPPORT, first)).isEmpty();
        String last = Secrets.remoteVersion(Provider.QUICKCHAT, doc(StateFiles.VERSIONS_KEPT + 1));
        assertThat(files.version(SUPPORT, last)).contains(doc(StateFiles.VERSIONS_KEPT + 1));
    }

    @Test
    void aTargetsFolderIsKeyedByItsNameAndItsRemoteNeverItsToken() {
        StateKey plugit = new StateKey("sales", Provider.PLUGIT, "https://api.plugit.chat", "agt_1");
        assertThat(SUPPORT.folder()).matches("support-[0-9a-f]{12}");
        assertThat(new StateKey("support", Provider.QUICKCHAT, "https://staging.quickchat.ai", null).folder())
                .as("another remote").isNotEqualTo(SUPPORT.folder());
        assertThat(new StateKey("eu/support", Provider.QUICKCHAT, SUPPORT.url(), null).folder())
                .as("names alike once made safe").startsWith("eu_support-")
                .isNotEqualTo(new StateKey("eu_support", Provider.QUICKCHAT, SUPPORT.url(), null).folder());
        assertThat(new StateKey("sales", Provider.PLUGIT, "https://api.plugit.chat", "agt_2").folder())
                .as("another agent").isNotEqualTo(plugit.folder());
        assertThat(StateKey.of(new dev.handoff.config.Target("support", Provider.QUICKCHAT, "HTTPS://App.Quickchat.AI/",
                Path.of("x.yaml"), "SOME_TOKEN", null)).folder()).as("the same URL written otherwise").isEqualTo(SUPPORT.folder());
        assertThat(StateKey.of(new dev.handoff.config.Target("support", Provider.QUICKCHAT, "https://app.quickchat.ai",
                Path.of("x.yaml"), "OTHER_TOKEN", null)).folder()).as("the token's variable plays no part").isEqualTo(SUPPORT.folder());
        assertThat(new StateKey("..", Provider.QUICKCHAT, SUPPORT.url(), null).legacyFolder()).isNull();
    }

    @Test
    void aBackupRecordsTheTargetAndRemoteItWasTakenFrom() throws Exception {
        StateKey sales = new StateKey("sales", Provider.PLUGIT, "https://api.plugit.chat", "agt_1");
        ObjectNode agent = JsonNodeFactory.instance.objectNode().put("id", "agt_1");
        agent.putArray("categories");
        Path b = new StateFiles(state, new dev.handoff.secret.Redactor()).backup(sales, agent,
                Secrets.remoteVersion(Provider.PLUGIT, agent), Instant.parse("2025-09-19T12:34:56Z")).path();
        assertThat(b.getParent()).isEqualTo(state.resolve("backups").resolve(sales.folder()));
        assertThat(Files.readString(b)).contains("  backup_of:\n    target: sales\n    url: https://api.plugit.chat\n    agent_id: agt_1\n");
        var header = dev.handoff.config.yaml.YamlFiles.readTree(b).get("x-handoff");
        assertThat(StateKey.fromHeader(header, Provider.PLUGIT)).isEqualTo(sales);
        assertThat(dev.handoff.config.LocalConfig.read(b).document()).isEqualTo(agent);
    }

    @Test
    void aVersionAnOlderHandoffKeptUnderTheTargetsNameIsReadUntilTheRemotesOwnFolderHasIt() throws Exception {
        StateFiles files = new StateFiles(state, new dev.handoff.secret.Redactor());
        String v = Secrets.remoteVersion(Provider.QUICKCHAT, doc(1));
        StateKey legacy = new StateKey("support", Provider.QUICKCHAT, "elsewhere", null);
        files.rememberVersion(legacy, doc(1), v);
        Files.move(state.resolve("versions").resolve(legacy.folder()), state.resolve("versions/support"));

        assertThat(files.version(SUPPORT, v)).contains(doc(1));

        ObjectNode newer = doc(1);
        newer.with("settings").put("note", "kept by this version of handoff");
        files.rememberVersion(SUPPORT, newer, v);
        assertThat(files.version(SUPPORT, v)).as("its own folder first").contains(newer);
        assertThat(state.resolve("versions/support")).as("the old folder is only read").isDirectory();
    }
}
