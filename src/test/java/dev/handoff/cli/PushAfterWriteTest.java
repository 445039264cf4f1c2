package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What push says about a write that was answered: one that left the remote as it was is no push,
 * whatever the method; one that was applied stays a push when only the state folder's copy of the
 * new version could not be written; and a remote with a text handoff cannot read back is pushed
 * over with a word that its backup cannot be restored.
 */
class PushAfterWriteTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";

    @Test
    void aPutAnsweredWithSuccessThatStoredNothingIsExit3NotAPush() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        String edited = read(file("support.yaml"));
        server.enqueue("PUT", FakeVendorServer.json(200, server.quickchat())); // 200, nothing stored

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.out()).doesNotContain("pushed ").contains("sent 1 change to 'support' with PUT")
                .contains("but the server did not apply it (the remote reads as before)");
        assertThat(r.err()).contains("was answered with success, but the remote is unchanged: the server answered without"
                + " applying the write; nothing changed").doesNotContain("Idempotency-Key");
        assertThat(read(file("support.yaml"))).isEqualTo(edited); // remote_version not moved on
        assertThat(server.quickchat().toString()).contains(OLD_REFUND);
    }

    @Test
    void aKeyedPatchAnswered500IsSaidToMaybeHaveBeenAppliedNotJustToBeTriedLater() {
        fetchAndEditSales();
        server.enqueue("PATCH", FakeVendorServer.text(500, "application/json", "{\"message\":\"upstream failed after apply\"}"));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("the server may or may not have applied the PATCH; run 'handoff diff'")
                .doesNotContain("try again later");
    }

    @Test
    void aVersionCopyThatCannotBeWrittenAfterTheWriteIsAWarningAndTheFileIsStillStamped() throws IOException {
        run("fetch");
        Path versions = stateDir("versions", "support");
        try (var files = Files.list(versions)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(versions);
        Files.writeString(versions, "not a folder"); // fails as root too, where permissions would not
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.quickchat().toString()).contains(NEW_REFUND);
        assertThat(r.out()).contains("pushed 1 change").contains("updated remote_version in guidelines/support.yaml");
        assertThat(r.err()).containsOnlyOnce("handoff: warning: the push was applied, but its copy of the remote's version could not"
                + " be written to the state folder: " + versions).contains("a later push cannot tell whether a secret was rotated");
        assertThat(remoteVersion(read(file("support.yaml")))).isEqualTo(remoteVersion(run("fetch", "--stdout").out()));
        var again = run("push", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to push");
    }

    @Test
    void aRemoteWithATextHandoffCannotReadIsPushedOverWithAWordOnItsBackup() {
        run("fetch");
        ObjectNode first = (ObjectNode) server.quickchat().withArray("custom_guidelines").get(0);
        first.put("description", "x".repeat(300_000));
        edit(file("support.yaml"), "question_message: ", "question_message: Really ");

        var conflict = run("push", "--yes");
        assertThat(conflict.exitCode()).as(conflict.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(conflict.err()).contains("'handoff fetch --force' cannot take this remote: the remote's custom_guidelines[name=Refund"
                + " requests].description holds more than 262,144 characters").contains("'handoff push --force'")
                .doesNotContain("commit your edits");

        var r = run("push", "--yes", "--force");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Matcher backup = Pattern.compile("backup of the remote saved to (\\S+\\.yaml)").matcher(r.err());
        assertThat(backup.find()).as(r.err()).isTrue();
        assertThat(r.err()).contains("handoff: warning: the remote's custom_guidelines[name=Refund requests].description holds more"
                + " than 262,144 characters without a space or line break, longer than handoff reads back: the backup " + backup.group(1)
                + " holds that text, so 'handoff restore' cannot put this remote back");
        assertThat(run("restore", backup.group(1), "--yes").exitCode()).isEqualTo(ExitCode.USAGE); // as said
    }

    @Test
    void aTextThatOnlyOnceEscapedIsLongerThanHandoffReadsIsSaidToo() {
        run("fetch");
        ObjectNode first = (ObjectNode) server.quickchat().withArray("custom_guidelines").get(0);
        // within the limit as text; its 44 control characters are escapes once written as YAML
        first.put("description", "x".repeat(262_100) + "\u0001".repeat(44));
        edit(file("support.yaml"), "question_message: ", "question_message: Really ");

        var r = run("push", "--yes", "--force");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("handoff: warning: the remote's custom_guidelines[name=Refund requests].description holds more"
                + " than 262,144 characters").contains("so 'handoff restore' cannot put this remote back");
    }

    private static String remoteVersion(String yaml) {
        Matcher m = Pattern.compile("remote_version: (\\S+)").matcher(yaml);
        assertThat(m.find()).as(yaml).isTrue();
        return m.group(1);
    }
}
