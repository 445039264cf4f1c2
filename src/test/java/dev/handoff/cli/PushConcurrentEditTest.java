package dev.handoff.cli;

import dev.handoff.config.LocalConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local file is saved again while push runs (during a slow write, or while the prompt is
 * open), or another version of it is checked out. Push then leaves the file exactly as it is and
 * says what to set by hand if the file holds the pushed document plus edits: it never writes the
 * pushed document over them, and never stamps the new version into another version of the file.
 */
class PushConcurrentEditTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";
    private static final String OLD_RETURNS = "Questions about the return policy alone";
    private static final String NEW_RETURNS = "Questions about returns alone";

    /** A terminal on which the user saves the file again before answering "y". */
    private static InputStream answerAfter(Runnable meanwhile) {
        return new InputStream() {
            private InputStream answer;

            @Override
            public int read() throws java.io.IOException {
                if (answer == null) {
                    meanwhile.run();
                    answer = new ByteArrayInputStream("y\n".getBytes());
                }
                return answer.read();
            }
        };
    }

    private void duringTheWrite(String method, Runnable edit) {
        server.beforeAnswer(r -> {
            if (r.getMethod().equals(method)) {
                edit.run();
            }
        });
    }

    @Test
    void anEditSavedWhileThePromptIsOpenIsKeptAndTheFileLeftAsItIsWithTheVersionToSet() {
        run("fetch");
        write(file("support.yaml"), "# owned by the support team\n" + read(file("support.yaml")).replace(OLD_REFUND, NEW_REFUND));
        String[] saved = new String[1];

        var r = run(cli().interactive(true, answerAfter(() -> {
            write(file("support.yaml"), read(file("support.yaml")).replace(OLD_RETURNS, NEW_RETURNS) + "# saved while the prompt was open\n");
            saved[0] = read(file("support.yaml"));
        })), "push");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).as("not a byte changed").isEqualTo(saved[0]);
        assertThat(server.quickchat().toString()).contains(NEW_REFUND).contains(OLD_RETURNS);
        String version = remoteVersion();
        assertThat(r.err()).contains("changed during the push and was left as is")
                .contains("if it holds what you pushed plus further edits, set 'remote_version: " + version + "'")
                .contains("if it is another version of the file (another branch), leave it");

        // the user follows the advice: the edit made meanwhile is then pushed
        write(file("support.yaml"), saved[0].replaceFirst("remote_version: \\S+", "remote_version: " + version));
        var diff = run("diff");
        assertThat(diff.out()).as(diff.toString()).contains("1 change").contains("custom_guidelines[name=Refund requests].description");
        var again = run("push", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(server.quickchat().toString()).contains(NEW_RETURNS);
    }

    @Test
    void anotherVersionOfTheFileSwappedInDuringThePushIsNotStampedSoItsPushStopsInsteadOfRevertingTheRemote() {
        run("fetch");
        String base = read(file("support.yaml"));
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        // branch B: the same base, another edit; checked out while the PUT of branch A's edit runs
        String branchB = base.replace(OLD_RETURNS, NEW_RETURNS);
        duringTheWrite("PUT", () -> write(file("support.yaml"), branchB));

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).isEqualTo(branchB);
        var pushB = run("push", "--yes");
        assertThat(pushB.exitCode()).as("a stamped file would have replaced A's change silently: " + pushB).isEqualTo(5);
        assertThat(server.quickchat().toString()).as("A's change stays on the remote").contains(NEW_REFUND);
    }

    @Test
    void anEditThatMovesANewItemLeavesTheFileAsItIsAndSaysWhatToSet() {
        run("fetch");
        edit(file("support.yaml"), "custom_guidelines:\n", """
                custom_guidelines:
                  - name: Bulk orders
                    description: The user wants to order more than 50 items at once.
                    is_active: true
                """);
        String[] saved = new String[1];
        duringTheWrite("PUT", () -> {
            // a second new item, written above the first: the first is no longer where push found it
            edit(file("support.yaml"), "custom_guidelines:\n", """
                    custom_guidelines:
                      - name: Invoices
                        description: The user needs a copy of an invoice.
                        is_active: true
                    """);
            saved[0] = read(file("support.yaml"));
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).isEqualTo(saved[0]);
        String version = remoteVersion();
        assertThat(r.out()).contains("the server assigned custom_guidelines[name=Bulk orders].id = 13");
        assertThat(r.err()).contains("changed during the push and was left as is")
                .contains("set 'remote_version: " + version + "' in its x-handoff header and the id above by hand");
        assertThat(r.err().lines().filter(l -> l.contains("left as is") || l.contains("by hand"))).hasSize(2);
    }

    @Test
    void aFileSavedHalfWayThroughAnEditIsNotTouched() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        String broken = read(file("support.yaml")).replace(OLD_RETURNS, NEW_RETURNS) + "custom_guidelines: [unclosed\n";
        duringTheWrite("PUT", () -> write(file("support.yaml"), broken));

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).isEqualTo(broken);
        assertThat(r.err()).contains("changed during the push and was left as is").contains("'remote_version: sha256:");
    }

    @Test
    void aCreatedAgentsIdIsSaidWhenTheFileWasEditedDuringThePost() {
        write(file("newbot.yaml"), RETURNS_BOT);
        duringTheWrite("POST", () -> edit(file("newbot.yaml"), "asks for a person.", "asks for a person or a call."));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("newbot.yaml"))).contains("or a call.").doesNotContain("agt_new_1");
        assertThat(r.err()).contains("changed during the push and was left as is")
                .contains("'id: agt_new_1' at the top (or agent_id: agt_new_1 in targets.newbot")
                .contains("until then a push creates another agent")
                .contains("set agent_id first").doesNotContain("exit 5");
    }

    @Test
    void aFileDeletedDuringThePushIsSaidToBeGone() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        duringTheWrite("PUT", () -> {
            try {
                java.nio.file.Files.delete(file("support.yaml"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("support.yaml was deleted during the push; 'handoff fetch' writes it again")
                .doesNotContain("left as is");
        assertThat(file("support.yaml")).doesNotExist();
    }

    /** The version of the remote as the next read will find it. */
    private String remoteVersion() {
        var r = run("fetch", "--stdout");
        return r.out().lines().filter(l -> l.strip().startsWith("remote_version:")).findFirst().orElseThrow().strip()
                .substring("remote_version:".length()).strip();
    }
}
