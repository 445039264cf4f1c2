package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup says which target and remote it was taken from, and restore writes it back there
 * only: a backup of one bot restored onto another (another target, or the same target name at
 * another URL or agent) is refused with exit 2 and nothing sent, unless --to-other-target. A
 * backup of an older handoff records neither, and is refused when none of its ids exist on the
 * remote.
 */
class RestoreOriginTest extends RemoteCliFixture {

    /** Another Quickchat bot: its own items, with ids the first bot never had. */
    private FakeVendorServer other;

    @BeforeEach
    void anotherBot() throws IOException {
        ObjectNode doc = resource("remote/quickchat-configuration.json");
        for (String list : List.of("availability", "custom_guidelines", "routing_profiles")) {
            for (JsonNode item : doc.withArray(list)) {
                ((ObjectNode) item).put("id", item.get("id").asInt() + 1000);
            }
        }
        ((ObjectNode) doc.withArray("routing_profiles").get(0)).put("name", "Returns desk");
        other = new FakeVendorServer(QC_TOKEN, PLUGIT_TOKEN).quickchat(doc)
                .agent(resource("remote/plugit-agent.json").put("id", "agt_999").put("title", "Wholesale bot"));
        Files.writeString(project.resolve("handoff.yaml"), Files.readString(project.resolve("handoff.yaml")) + """
                  other:
                    provider: quickchat
                    url: %1$s
                    file: guidelines/other.yaml
                    token_env: QC_TOKEN
                  wholesale:
                    provider: plugit
                    url: %1$s
                    agent_id: agt_999
                    file: guidelines/wholesale.yaml
                    token_env: PLUGIT_TOKEN
                """.formatted(other.url()));
    }

    @AfterEach
    void closeOther() {
        other.close();
    }

    private Path backupOf(String target, String file, String from, String to) throws IOException {
        run("fetch", "--target", target);
        edit(file(file), from, to);
        var push = run("push", "--target", target, "--yes");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        try (Stream<Path> s = Files.list(stateDir("backups", target))) {
            return s.findFirst().orElseThrow();
        }
    }

    private Path supportBackup() throws IOException {
        return backupOf("support", "support.yaml", "has not arrived after 14 days", "has not arrived after 10 working days");
    }

    @Test
    void aBackupRecordsItsTargetAndRemoteButNoToken() throws IOException {
        Path backup = supportBackup();

        JsonNode origin = YamlFiles.readTree(backup).get("x-handoff").get("backup_of");
        assertThat(origin.get("target").asText()).isEqualTo("support");
        assertThat(origin.get("url").asText()).isEqualTo(server.url());
        assertThat(origin.has("agent_id")).isFalse();
        assertThat(Files.readString(backup)).doesNotContain(QC_TOKEN).doesNotContain("QC_TOKEN");
        assertThat(run("validate", backup.toString()).err()).doesNotContain("unknown key");

        // and it round-trips: restored where it came from, it writes
        var r = run("restore", "--target", "support", backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void aBackupOfAnotherTargetIsRefusedNamingBothAndNothingIsSent() throws IOException {
        Path backup = supportBackup();

        var r = run("restore", "--target", "other", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a backup taken from target 'support' (" + server.url() + "), but this restore writes to target 'other' ("
                        + other.url() + "); nothing was sent")
                .contains("restore it to its own target with --target support")
                .contains("add --to-other-target");
        assertThat(other.requests()).as("not even read").isEmpty();
        assertThat(other.quickchat().toString()).contains("Returns desk");
    }

    @Test
    void theOverrideWritesItAllTheSameAndSaysSo() throws IOException {
        Path backup = supportBackup();

        var r = run("restore", "--target", "other", "--to-other-target", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: ").contains("was taken from target 'support'").contains("(--to-other-target)");
        assertThat(other.requests("PUT")).hasSize(1);
        assertThat(other.quickchat().toString()).doesNotContain("Returns desk").contains("Technical Support");
    }

    @Test
    void aRecordedUrlIsShownWithoutTheCredentialsAHandEditedBackupMayHold() throws IOException {
        Path backup = supportBackup();
        String url = server.url();
        Files.writeString(backup, Files.readString(backup).replace("url: " + url,
                "url: " + url.replace("http://", "http://admin:Pw-9x7QqLm2@") + "?token=tok-8Hq2Lm9Zx"));
        assertThat(Files.readString(backup)).contains("admin:Pw-9x7QqLm2@");
        var r = run("restore", "--target", "other", backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("taken from target 'support' (" + url + ")").doesNotContain("Pw-9x7QqLm2").doesNotContain("tok-8Hq2Lm9Zx");
    }

    @Test
    void theSameTargetNamePointingAtAnotherRemoteIsRefusedToo() throws IOException {
        Path backup = supportBackup();

        var r = run("restore", "--target", "support", "--api-url", other.url(), backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a backup taken from target 'support' (" + server.url() + "), but this restore writes to target 'support' ("
                + other.url() + ")").contains("url and agent_id in handoff.yaml").contains("--to-other-target");
        assertThat(other.requests()).isEmpty();
    }

    @Test
    void aPlugitBackupOfAnotherAgentIsRefusedAndWithTheOverrideGoesToThisAgent() throws IOException {
        Path backup = backupOf("sales", "sales.yaml", "custom branding", "custom branding or embroidery");
        assertThat(YamlFiles.readTree(backup).get("x-handoff").get("backup_of").get("agent_id").asText()).isEqualTo("agt_123");

        var refused = run("restore", "--target", "wholesale", backup.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("taken from target 'sales' (" + server.url() + " (agent agt_123))")
                .contains("target 'wholesale' (" + other.url() + " (agent agt_999))");
        assertThat(other.requests()).isEmpty();

        var r = run("restore", "--target", "wholesale", "--to-other-target", backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(FakeVendorServer.body(other.requests("PATCH").get(0)).get("id").asText()).isEqualTo("agt_999");
        assertThat(other.agent("agt_999").get("title").asText()).isEqualTo("Sales Assistant");
        assertThat(server.agent("agt_123").get("title").asText()).isEqualTo("Sales Assistant");
    }

    @Test
    void anOlderBackupWithoutARecordIsRefusedWhereNoneOfItsIdsExist() throws IOException {
        Path backup = supportBackup();
        // as an older handoff wrote it: provider and remote_version only
        String text = Files.readString(backup).replaceAll("(?m)^  backup_of:\\n(^    .*\\n)+", "");
        assertThat(text).doesNotContain("backup_of");
        Path old = tmp.resolve("old-backup.yaml");
        Files.writeString(old, text);

        var r = run("restore", "--target", "other", old.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("records no target (made by an older handoff), and none of its ids (availability 7, availability 8,")
                .contains("exist on target 'other' (" + other.url() + "): it looks like a backup of another bot; nothing was sent")
                .contains("add --to-other-target");
        assertThat(other.methods()).as("read, never written").containsOnly("GET");

        // on its own bot its ids exist: restored as before
        var own = run("restore", "--target", "support", old.toString(), "--yes");
        assertThat(own.exitCode()).as(own.toString()).isZero();

        var forced = run("restore", "--target", "other", "--to-other-target", old.toString(), "--yes");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.err()).contains("looks like a backup of another bot (--to-other-target)");
        assertThat(other.requests("PUT")).hasSize(1);
    }
}
