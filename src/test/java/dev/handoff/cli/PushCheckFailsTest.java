package dev.handoff.cli;

import dev.handoff.config.LocalConfig;
import dev.handoff.remote.FakeVendorServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write is applied, then the GET that checks it fails. What the write answered (a created
 * agent's id, the stored document) is recorded in the local file as after a normal push, and the
 * error says the write was applied, so that nobody pushes again and creates a second agent.
 */
class PushCheckFailsTest extends RemoteCliFixture {

    /** A 500 whose body echoes the tokens (all this run can know): the error path prints the body. */
    private static MockResponse failing() {
        return FakeVendorServer.text(500, "application/json", "{\"error\":\"boom " + QC_TOKEN + " " + PLUGIT_TOKEN + "\"}");
    }

    /** The next GET after a write of this method fails. */
    private void checkFailsAfter(String method) {
        server.beforeAnswer(r -> {
            if (r.getMethod().equals(method)) {
                server.enqueue("GET", failing());
            }
        });
    }

    @Test
    void aCreatedAgentsIdIsRecordedWhenTheCheckAfterThePostFails() {
        write(file("newbot.yaml"), RETURNS_BOT);
        checkFailsAfter("POST");

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.out()).contains("created agent agt_new_1");
        assertThat(r.err()).contains("POST " + server.url() + "/v2/agents was applied (agent agt_new_1 created), but reading the remote back failed")
                .contains("HTTP 500").contains("the push needs no retry").doesNotContain("try again later");
        String text = read(file("newbot.yaml"));
        assertThat(text).startsWith("# returns bot\n").contains("\nid: agt_new_1\n");
        assertThat(LocalConfig.read(file("newbot.yaml")).remoteVersion()).startsWith("sha256:");

        server.beforeAnswer(req -> { });
        var again = run("push", "--target", "newbot", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("nothing to push");
        assertThat(server.requests("POST")).hasSize(1);
    }

    @Test
    void aCreatedAgentWhoseIdCannotBeRecordedIsNotFollowedByAdviceThatCreatesASecondOne() {
        write(file("newbot.yaml"), RETURNS_BOT);
        server.beforeAnswer(r -> {
            if (r.getMethod().equals("POST")) {
                server.enqueue("GET", failing());
                write(file("newbot.yaml"), "x-handoff: {provider: plugit}\ntitle: [half saved\n");
            }
        });

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("was applied (agent agt_new_1 created)")
                .contains("do not push again before the agent's id is recorded: add 'agent_id: agt_new_1' to targets.newbot")
                .doesNotContain("needs no retry");
    }

    @Test
    void aQuickchatPutFollowedByAFailedCheckRecordsTheVersionAndIdsItAnswered() {
        run("fetch");
        edit(file("support.yaml"), "custom_guidelines:\n", """
                custom_guidelines:
                  # added for the bulk team
                  - name: Bulk orders
                    description: The user wants to order more than 50 items at once.
                    is_active: true
                """);
        checkFailsAfter("PUT");

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.out()).contains("from the server's answer to the write").contains("custom_guidelines[name=Bulk orders].id = 13")
                .contains("updated remote_version and ids in guidelines/support.yaml");
        assertThat(r.err()).contains("PUT " + server.url() + FakeVendorServer.QUICKCHAT_PATH + " was applied, but reading the remote back failed")
                .contains("'handoff diff' checks what it stored");
        assertThat(read(file("support.yaml"))).contains("  # added for the bulk team\n  - id: 13\n    name: Bulk orders\n");

        server.beforeAnswer(req -> { });
        var diff = run("diff");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        assertThat(run("push", "--yes").out()).contains("nothing to push");
        assertThat(server.requests("PUT")).hasSize(1);
    }

    @Test
    void aPutAnsweredWithoutTheDocumentSaysToFetchOnceTheServerAnswers() {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");
        server.beforeAnswer(r -> {
            if (r.getMethod().equals("PUT")) {
                server.quickchat(FakeVendorServer.body(r)); // applied; the answer below holds no document
                server.enqueue("PUT", FakeVendorServer.text(200, "application/json", "{\"ok\":true}"));
                server.enqueue("GET", failing());
            }
        });

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("was applied, but reading the remote back failed")
                .contains("run 'handoff fetch' to record the remote's new version in guidelines/support.yaml");
        server.beforeAnswer(req -> { });
        var fetch = run("fetch");
        assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("10 working days");
    }
}
