package dev.handoff.cli;

import dev.handoff.remote.FakeVendorServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugit's Idempotency-Key against a server that honours it: a key seen before is answered with
 * the earlier reply and nothing is applied. An update must not reuse a key of an earlier run, and
 * a write answered without being applied must not pass for a push.
 */
class PushIdempotencyTest extends RemoteCliFixture {

    private static final String PROMPT = "Be concise and never quote prices";
    private static final String EDITED = "Be brief and never quote prices";

    @Test
    void pushRestorePushAgainIsAppliedEachTimeWithAKeyPerRun() throws IOException {
        server.honourIdempotencyKeys(true);
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), PROMPT, EDITED);
        var first = run("push", "--target", "sales", "--yes");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(server.agent("agt_123").get("prompt").asText()).contains(EDITED);

        var restore = run("restore", "--target", "sales", backups().get(0).toString(), "--yes");
        assertThat(restore.exitCode()).as(restore.toString()).isZero();
        assertThat(server.agent("agt_123").get("prompt").asText()).contains(PROMPT);

        run("fetch", "--target", "sales", "--force");
        edit(file("sales.yaml"), PROMPT, EDITED); // the same change over the same version as the first push
        var again = run("push", "--target", "sales", "--yes");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).doesNotContain("did not store");
        assertThat(server.agent("agt_123").get("prompt").asText()).contains(EDITED);
        List<String> keys = server.requests("PATCH").stream().map(r -> r.getHeaders().get("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3).doesNotHaveDuplicates().allMatch(k -> k.matches("handoff-[0-9a-f]{64}"));
    }

    @Test
    void aRetryInsideTheRunSendsTheSameKey() {
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), PROMPT, EDITED);
        server.enqueue("PATCH", FakeVendorServer.text(503, "application/json", "{\"message\":\"busy\"}"));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<RecordedRequest> patches = server.requests("PATCH");
        assertThat(patches).hasSize(2);
        assertThat(patches.get(1).getHeaders().get("Idempotency-Key")).isEqualTo(patches.get(0).getHeaders().get("Idempotency-Key"));
    }

    /**
     * The first PATCH is applied and its connection reset; the server checks If-Match before the
     * key, so the retry meets the ETag that very write moved and gets 412. That is no one else's change.
     */
    @Test
    void aRetryRefusedBecauseTheFirstAttemptWasAppliedIsAPush() throws IOException {
        server.etags(true);
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), PROMPT, EDITED);
        applyFirstPatchThenReset(body -> body);

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.requests("PATCH")).hasSize(2);
        assertThat(r.err()).contains("HTTP 412").contains("an earlier attempt was applied (its answer was lost), so the write is done")
                .doesNotContain("someone else").doesNotContain("--force");
        assertThat(server.agent("agt_123").get("prompt").asText()).contains(EDITED);
        assertThat(backups()).hasSize(1);
        assertThat(run("diff", "--target", "sales").exitCode()).isZero();
    }

    @Test
    void aRetryRefusedWhileTheRemoteHoldsSomethingElseKeepsTheBackupAndBlamesNoOne() throws IOException {
        server.etags(true);
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), PROMPT, EDITED);
        // the first attempt lands, then another write changes the prompt once more before the retry
        applyFirstPatchThenReset(body -> body.put("prompt", "a colleague's prompt"));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("an earlier one whose answer was lost may have").contains("the remote does not hold what was sent")
                .contains("is kept in").doesNotContain("nothing was written").doesNotContain("--force");
        assertThat(backups()).hasSize(1);
    }

    @Test
    void aSecretRotatedBetweenTheLostAnswerAndTheRetryIsNoWriteOfOurs() throws IOException {
        server.etags(true);
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), PROMPT, EDITED);
        // the first attempt lands, then a colleague rotates the handoff category's key before the retry
        applyFirstPatchThenReset(agent -> {
            for (var category : agent.withArray("categories")) {
                var headers = (com.fasterxml.jackson.databind.node.ObjectNode) category.path("webhook").path("headers");
                if (headers.has("x-api-key") && headers.get("x-api-key").asText().equals(HANDOFF_KEY)) {
                    headers.put("x-api-key", "whk_live_ROTATED_by_a_colleague_99");
                }
            }
            return agent;
        });

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("the remote does not hold what was sent").doesNotContain("the write is done")
                .doesNotContain("whk_live_ROTATED");
        assertThat(backups()).hasSize(1);
    }

    private void applyFirstPatchThenReset(java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> alsoOnTheServer) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.beforeAnswer(request -> {
            if (request.getMethod().equals("PATCH") && first.getAndSet(false)) {
                var agent = server.agent("agt_123");
                agent.setAll((com.fasterxml.jackson.databind.node.ObjectNode) FakeVendorServer.body(request));
                alsoOnTheServer.apply(agent);
            }
        });
        server.enqueue("PATCH", new mockwebserver3.MockResponse.Builder()
                .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
    }

    @Test
    void aWriteAnsweredWithSuccessButNotAppliedIsExit3NotAPush() {
        run("fetch", "--target", "sales");
        String before = read(file("sales.yaml"));
        edit(file("sales.yaml"), PROMPT, EDITED);
        String edited = read(file("sales.yaml"));
        // what a server that keeps keys does with a key it saw before: the earlier reply, nothing applied
        server.enqueue("PATCH", FakeVendorServer.json(200, server.agent("agt_123")));

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.out()).contains("the server did not store everything as sent");
        assertThat(r.err()).contains("PATCH " + server.url()).contains("was answered with success, but the remote is unchanged:"
                        + " the server answered without applying the write (maybe with its reply to an earlier request with the same"
                        + " Idempotency-Key); nothing changed")
                .contains("run 'handoff diff --target sales' to see what is still to push, then push again");
        assertThat(read(file("sales.yaml"))).isEqualTo(edited).isNotEqualTo(before);
        assertThat(server.agent("agt_123").get("prompt").asText()).contains(PROMPT);
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> s = Files.list(stateDir("backups", "sales"))) {
            return s.sorted().toList();
        }
    }
}
