package dev.handoff.cli;

import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Plugit create's Idempotency-Key against a server that honours keys: random for each create, so
 * that two targets made from one template, or an agent created again after it was deleted, are
 * agents of their own; kept in the state folder until the agent's id is recorded, so that a create
 * whose answer was lost is sent again with the same key from this machine and target.
 */
class PushCreateKeyTest extends RemoteCliFixture {

    @Test
    void twoTargetsCreatedFromTheSameFileGetTwoAgents() throws IOException {
        server.honourIdempotencyKeys(true);
        addTarget("newbot2", "newbot2.yaml");
        write(file("newbot.yaml"), RETURNS_BOT);
        write(file("newbot2.yaml"), RETURNS_BOT);

        var first = run("push", "--target", "newbot", "--yes");
        var second = run("push", "--target", "newbot2", "--yes");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(first.out()).contains("created agent agt_new_1");
        assertThat(second.out()).contains("created agent agt_new_2");
        assertThat(read(file("newbot2.yaml"))).contains("id: agt_new_2");
        List<String> keys = postKeys();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates().allMatch(k -> k.matches("handoff-[0-9a-f]{64}"));
        assertThat(pendingCreates()).isEmpty(); // both ids are recorded
    }

    @Test
    void anAgentDeletedAfterItsCreateIsCreatedAgain() {
        server.honourIdempotencyKeys(true);
        write(file("newbot.yaml"), RETURNS_BOT);
        assertThat(run("push", "--target", "newbot", "--yes").exitCode()).isZero();
        server.removeAgent("agt_new_1");
        write(file("newbot.yaml"), RETURNS_BOT); // the id taken out again

        var again = run("push", "--target", "newbot", "--yes");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("created agent agt_new_2");
        assertThat(server.agent("agt_new_2")).isNotNull();
        assertThat(postKeys()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsSentAgainWithTheSameKey() {
        server.honourIdempotencyKeys(true);
        write(file("newbot.yaml"), RETURNS_BOT);
        // the POST may have been applied: the key stays
        server.enqueue("POST", FakeVendorServer.text(500, "application/json", "{\"message\":\"oops\"}"));
        var lost = run("push", "--target", "newbot", "--yes");
        assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(lost.err()).contains("the server may or may not have made the agent; push the same file again from this machine")
                .doesNotContain("try again later");
        assertThat(pendingCreates()).hasSize(1);
        var diff = run("diff", "--target", "newbot");
        assertThat(diff.out()).contains("(the agent does not exist yet; 'handoff push' creates it)");
        assertThat(diff.err()).contains("an earlier push of this file sent a create that was never confirmed");

        var again = run("push", "--target", "newbot", "--yes");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("sent this create and its answer was not recorded: sending it again with the same Idempotency-Key");
        List<String> keys = postKeys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1)).isEqualTo(keys.get(0));
        assertThat(pendingCreates()).isEmpty();
    }

    @Test
    void aCreateAnswered409KeepsItsKeyForTheNextPushAndSaysNothingOfVersionTags() {
        server.honourIdempotencyKeys(true);
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.text(409, "application/json", "{\"message\":\"a request with this key is in progress\"}"));

        var busy = run("push", "--target", "newbot", "--yes");

        assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(busy.err()).contains("HTTP 409").contains("may still be under way with the same Idempotency-Key")
                .doesNotContain("fetch --force");
        assertThat(busy.out()).doesNotContain("version tag").doesNotContain("remote_version none");
        assertThat(pendingCreates()).hasSize(1);

        var again = run("push", "--target", "newbot", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        List<String> keys = postKeys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1)).as("the same key: no second agent").isEqualTo(keys.get(0));
    }

    @Test
    void anotherBodyOrACreateTheServerRefusedGetsANewKey() {
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.text(500, "application/json", "{\"message\":\"oops\"}"));
        run("push", "--target", "newbot", "--yes");
        write(file("newbot.yaml"), RETURNS_BOT.replace("Returns bot", "Refunds bot"));
        server.enqueue("POST", FakeVendorServer.text(400, "application/json", "{\"message\":\"bad\"}"));
        var refused = run("push", "--target", "newbot", "--yes");
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        // the earlier create may have made an agent nobody recorded: said, not dropped without a word
        assertThat(refused.err()).contains("an earlier create of this target from this file was never confirmed")
                .contains("look for it in Plugit");
        assertThat(pendingCreates()).isEmpty(); // refused, so nothing was made

        var created = run("push", "--target", "newbot", "--yes");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(postKeys()).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aCreatedAgentThatDoesNotExistIsNoPushAndNothingIsRecorded() {
        write(file("newbot.yaml"), RETURNS_BOT);
        // a server that kept the key answers an earlier create whose agent was deleted since
        server.enqueue("POST", FakeVendorServer.json(201, json("{\"id\":\"agt_gone\",\"title\":\"Returns bot\",\"categories\":[]}")));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("was answered with agent agt_gone, but that agent does not exist")
                .contains("the server answered a create it did not apply").contains("push again (a new run sends a new key)")
                .doesNotContain("needs no retry");
        assertThat(r.out()).doesNotContain("created agent");
        assertThat(read(file("newbot.yaml"))).doesNotContain("agt_gone");
        assertThat(pendingCreates()).isEmpty();

        var again = run("push", "--target", "newbot", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("created agent agt_new_1");
        assertThat(postKeys()).hasSize(2).doesNotHaveDuplicates();
    }

    private List<String> postKeys() {
        return server.requests("POST").stream().map(r -> r.getHeaders().get("Idempotency-Key")).toList();
    }

    @Test
    void aRestoreThatCreatesAnAgentSaysWhereToRecordItsIdAndKeepsNoKey() throws IOException {
        fetchAndEditSales();
        assertThat(run("push", "--target", "sales", "--yes").exitCode()).isZero();
        Path backup;
        try (var files = Files.list(stateDir("backups", "sales"))) {
            backup = files.findFirst().orElseThrow();
        }

        var r = run("restore", "--target", "newbot", "--to-other-target", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("created agent ");
        // restore writes no local file: the id goes into handoff.yaml by hand, or the next push makes a second agent
        assertThat(r.err()).contains("add 'agent_id: agt_").contains("to targets.newbot in handoff.yaml (until then a push creates another agent)");
        assertThat(pendingCreates()).isEmpty();
    }

    @Test
    void anotherProjectWithTheSameTargetAndFileDoesNotTakeAPendingKey() throws IOException {
        server.honourIdempotencyKeys(true);
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.text(500, "application/json", "{\"message\":\"oops\"}"));
        assertThat(run("push", "--target", "newbot", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        Path other = Files.createDirectories(tmp.resolve("other-repo/guidelines"));
        Files.writeString(other.resolveSibling("handoff.yaml"), Files.readString(project.resolve("handoff.yaml")));
        Files.writeString(other.resolve("newbot.yaml"), RETURNS_BOT);

        var r = run(cli().workDir(other.getParent()), "push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("sending it again with the same Idempotency-Key").doesNotContain("was never confirmed");
        assertThat(postKeys()).hasSize(2).doesNotHaveDuplicates();

        // the first project's pending create is its own still: pushed again, it is answered with the agent it made
        var again = run("push", "--target", "newbot", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.err()).contains("sending it again with the same Idempotency-Key");
        List<String> keys = postKeys();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(2)).isEqualTo(keys.get(0));
    }

    @Test
    void aCreateAnsweredWithoutAnIdIsNotSaidToHaveMadeAnAgent() {
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.json(200, json("{\"title\":\"Returns bot\"}")));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("answered without an agent's id, so whether an agent was created is unknown")
                .contains("push again from this machine (it sends the same Idempotency-Key");
        assertThat(pendingCreates()).hasSize(1);
    }

    @Test
    void aCreateAnsweredWithAnotherTargetsAgentRecordsNothing() {
        write(file("newbot.yaml"), RETURNS_BOT);
        server.enqueue("POST", FakeVendorServer.json(201, json("{\"id\":\"agt_123\",\"title\":\"Sales Assistant\",\"categories\":[]}")));

        var r = run("push", "--target", "newbot", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("was answered with agent agt_123, which target 'sales' already uses: that is no new agent;"
                + " nothing was recorded");
        assertThat(read(file("newbot.yaml"))).doesNotContain("agt_123");
        assertThat(server.requests("PATCH")).isEmpty();
    }

    private List<Path> pendingCreates() {
        Path dir = home.resolve(".local/state/handoff/creates");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void addTarget(String name, String file) throws IOException {
        Path config = project.resolve("handoff.yaml");
        Files.writeString(config, Files.readString(config) + """
                  %s:
                    provider: plugit
                    url: %s
                    file: guidelines/%s
                    token_env: PLUGIT_TOKEN
                """.formatted(name, server.url(), file));
    }
}
