package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A colleague's change made while push waits must never be overwritten, and a failed push leaves one backup at most. */
class PushLostUpdateTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";
    private static final String COLLEAGUE = "night-shift@northwind-outfitters.example";

    private List<Path> backups(String target) {
        Path dir = stateDir("backups", target);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void colleagueAddsAnEmail() {
        ((ArrayNode) server.quickchat().with("settings").withArray("emails")).add(COLLEAGUE);
    }

    /** A terminal where the colleague's edit lands while the prompt waits, then the user answers "y". */
    private InputStream answerAfter(Runnable meanwhile) {
        return new InputStream() {
            private InputStream answer;

            @Override
            public int read() throws IOException {
                if (answer == null) {
                    meanwhile.run();
                    answer = new ByteArrayInputStream("y\n".getBytes());
                }
                return answer.read();
            }
        };
    }

    @Test
    void anEditMadeWhileThePromptIsOpenIsNotOverwritten() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        String fileBefore = read(file("support.yaml"));

        var r = run(cli().interactive(true, answerAfter(this::colleagueAddsAnEmail)), "--no-color", "push");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.methods()).doesNotContain("PUT");
        assertThat(server.quickchat().at("/settings/emails").toString()).contains(COLLEAGUE);
        assertThat(r.out()).contains("The remote changed since it was read for this push")
                .contains("+ settings.emails: \"" + COLLEAGUE + "\"");
        assertThat(r.err()).contains("nothing was sent").contains("handoff push");
        assertThat(backups("support")).isEmpty();
        assertThat(read(file("support.yaml"))).isEqualTo(fileBefore);
    }

    @Test
    void withYesTheRemoteIsReadAgainRightBeforeTheWrite() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        int[] gets = {0};
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("GET") && ++gets[0] == 2) {
                colleagueAddsAnEmail(); // after the GET that made the diff, before the one that guards the write
            }
        });
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.methods()).containsExactly("GET", "GET", "GET");
        assertThat(server.quickchat().at("/settings/emails").toString()).contains(COLLEAGUE);
        assertThat(backups("support")).isEmpty();
    }

    @Test
    void ifMatchIsSentWhenTheServerGivesAnEtagAnd412IsAConflict() {
        server.etags(true);
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                colleagueAddsAnEmail(); // lands between the last GET and the PUT: only If-Match can catch it
            }
        });
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        var put = server.requests("PUT");
        assertThat(put).hasSize(1);
        assertThat(put.get(0).getHeaders().get("If-Match")).startsWith("\"");
        assertThat(server.quickchat().at("/settings/emails").toString()).contains(COLLEAGUE);
        assertThat(server.quickchat().toString()).doesNotContain(NEW_REFUND);
        assertThat(r.out()).contains("+ settings.emails: \"" + COLLEAGUE + "\"");
        assertThat(r.err()).contains("nothing was written");
        assertThat(backups("support")).as("a refused write keeps no backup").isEmpty();
    }

    @Test
    void aServerThatAnswersTheKeywordsInAnotherOrderOnEveryReadIsNoConflict() {
        // a set to the vendor; its order moves the version hash, which keeps order, so every push refused (exit 5)
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("GET")) {
                var keywords = (com.fasterxml.jackson.databind.node.ArrayNode) server.quickchat().with("settings").get("keywords");
                var reversed = keywords.deepCopy();
                keywords.removeAll();
                for (int i = reversed.size() - 1; i >= 0; i--) {
                    keywords.add(reversed.get(i));
                }
            }
        });
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.requests("PUT")).hasSize(1);
        assertThat(server.quickchat().toString()).contains(NEW_REFUND);
    }

    @Test
    void a409WithNothingMovedSaysTheServersReasonNotAVersionTag() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", FakeVendorServer.text(409, "application/json", "{\"detail\":\"configuration locked by an admin\"}"));

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("HTTP 409").contains("configuration locked by an admin")
                .contains("the remote reads as it did when it was read");
        assertThat(r.out()).doesNotContain("version tag").doesNotContain("The remote changed");
        assertThat(backups("support")).as("a refused write keeps no backup").isEmpty();
    }

    @Test
    void aWriteRefusedWith401Or403KeepsNoBackupEither() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", FakeVendorServer.text(403, "application/json", "{\"detail\":\"read-only token\"}"));
        var forbidden = run("push", "--yes");
        assertThat(forbidden.exitCode()).as(forbidden.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(backups("support")).as("nothing was applied, so nothing was replaced").isEmpty();
        server.enqueue("PUT", FakeVendorServer.text(401, "application/json", "{\"detail\":\"expired\"}"));
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(backups("support")).isEmpty();
    }

    @Test
    void withoutAnEtagNoIfMatchIsSent() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.requests("PUT").get(0).getHeaders().get("If-Match")).isNull();
    }

    @Test
    void failedAttemptsLeaveOneBackupAtMost() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", FakeVendorServer.text(503, "application/json", "{\"detail\":\"busy\"}"));
        server.enqueue("PUT", FakeVendorServer.text(500, "application/json", "{\"detail\":\"boom\"}"));
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        var ok = run("push", "--yes");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(server.requests("PUT")).hasSize(3);
        assertThat(backups("support")).hasSize(1);
        assertThat(LocalConfig.read(backups("support").get(0)).document().toString()).contains(OLD_REFUND);
    }

    /** A server (or a proxy in front of it) that stores the first PUT, then answers 429 all the same. */
    private void appliesTheFirstPutThenAnswersThrottled(java.util.function.Consumer<ObjectNode> assignIds) {
        server.enqueue("PUT", throttled());
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                ObjectNode stored = server.quickchat();
                stored.removeAll();
                stored.setAll((ObjectNode) FakeVendorServer.body(req));
                assignIds.accept(stored);
                server.beforeAnswer(r -> { });
            }
        });
    }

    private static mockwebserver3.MockResponse throttled() {
        return new mockwebserver3.MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                .addHeader("Content-Type", "application/json").body("{\"detail\":\"slow down\"}").build();
    }

    @Test
    void anEditMadeWhileAThrottledWriteWaitsIsNotOverwrittenByTheResend() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", throttled());
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                colleagueAddsAnEmail(); // a dashboard edit during the Retry-After wait (the fake applies no refused PUT)
            }
        });
        var r = run("--no-color", "push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.methods()).containsExactly("GET", "GET", "GET", "PUT", "GET"); // fetch, diff, guard, refused PUT, recheck
        assertThat(server.quickchat().at("/settings/emails").toString()).contains(COLLEAGUE);
        assertThat(server.quickchat().toString()).contains(OLD_REFUND).doesNotContain(NEW_REFUND);
        assertThat(r.out()).contains("The remote changed while the write waited to be sent again")
                .contains("+ settings.emails: \"" + COLLEAGUE + "\"");
        assertThat(r.err()).contains("nothing more was sent");
    }

    @Test
    void aWriteRefusedWith429ThenWith412WroteNothingAndKeepsNoBackup() {
        server.etags(true);
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", throttled());
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                colleagueAddsAnEmail(); // during the wait; the resend's If-Match no longer matches
                server.beforeAnswer(r -> { });
            }
        });
        var r = run("--no-color", "push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("HTTP 412").contains("nothing was written").doesNotContain("may have");
        assertThat(r.out()).contains("+ settings.emails: \"" + COLLEAGUE + "\"");
        assertThat(backups("support")).as("the 429 was a refusal: nothing was ever written").isEmpty();
        assertThat(server.quickchat().at("/settings/emails").toString()).contains(COLLEAGUE);
    }

    @Test
    void aThrottledWriteIsSentAgainWhenTheRemoteStayedAsItWas() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", throttled());
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.methods()).containsExactly("GET", "GET", "GET", "PUT", "GET", "PUT", "GET");
        assertThat(server.quickchat().toString()).contains(NEW_REFUND);
    }

    @Test
    void aResendFindsTheRemoteHoldingWhatWasSentAndTheWriteIsDone() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        appliesTheFirstPutThenAnswersThrottled(stored -> { });
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("it holds exactly what was sent, so an earlier attempt was applied");
        assertThat(server.methods()).containsExactly("GET", "GET", "GET", "PUT", "GET", "GET"); // no second PUT; then read back
        assertThat(read(file("support.yaml"))).contains(NEW_REFUND);
    }

    @Test
    void aResendFindsANewItemStoredWithTheIdTheServerGaveItAndTheWriteIsDone() {
        run("fetch");
        edit(file("support.yaml"), "custom_guidelines:\n", "custom_guidelines:\n  - name: Warranty\n    description: The user asks"
                + " about the warranty of a product.\n    is_active: true\n");
        appliesTheFirstPutThenAnswersThrottled(stored -> {
            for (var g : stored.withArray("custom_guidelines")) {
                if (!g.has("id")) {
                    ((ObjectNode) g).put("id", 101); // the id the server assigns to the new item
                }
            }
        });
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("it holds exactly what was sent").doesNotContain("someone else");
        assertThat(server.requests("PUT")).as("no second PUT").hasSize(1);
    }

    @Test
    void aWriteThrottledOnEveryAttemptWasRefusedAndKeepsNoBackup() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        for (int i = 0; i < 4; i++) {
            server.enqueue("PUT", throttled());
        }
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).contains("HTTP 429").contains("nothing was written").doesNotContain("may or may not");
        assertThat(backups("support")).isEmpty();
        assertThat(server.quickchat().toString()).contains(OLD_REFUND);
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode list, String field) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
        return out;
    }

    @Test
    void aOneFieldPushKeepsTheRemotesOrderOfItsLists() {
        // the remote's order is not handoff's canonical one (the file sorts profiles by name)
        List<String> profiles = names(server.quickchat().get("routing_profiles"), "name");
        List<String> keywords = names(server.quickchat().at("/settings/keywords"), null);
        assertThat(profiles).isNotEqualTo(profiles.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList());
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var sent = FakeVendorServer.body(server.requests("PUT").get(0));
        assertThat(names(sent.get("routing_profiles"), "name")).isEqualTo(profiles);
        assertThat(names(sent.at("/settings/keywords"), null)).isEqualTo(keywords);
        assertThat(sent.toString()).contains(NEW_REFUND);
    }

    @Test
    void aPutAppliedInPartIsNotTakenForSomeoneElsesChange() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        edit(file("support.yaml"), "    - live agent\n", "    - live agent please\n");
        server.enqueue("PUT", FakeVendorServer.text(500, "application/json", "{\"detail\":\"boom\"}"));
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                // the server stored the guideline's new description, then failed before the keywords
                for (var g : server.quickchat().get("custom_guidelines")) {
                    if (g.path("description").asText().contains(OLD_REFUND)) {
                        ((ObjectNode) g).put("description", g.get("description").asText().replace(OLD_REFUND, NEW_REFUND));
                    }
                }
                server.beforeAnswer(r -> { });
            }
        });
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        var diff = run("diff");
        assertThat(diff.out()).contains("live agent please").doesNotContain(NEW_REFUND);
        assertThat(diff.err()).contains("the remote changed since guidelines/support.yaml was made");
        var push = run("push", "--yes");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains("is one of your file's: an earlier push may have been applied in part")
                .contains("'handoff push --force' sends it").doesNotContain("someone else");
        assertThat(run("push", "--yes", "--force").exitCode()).isZero();
        assertThat(server.quickchat().at("/settings/keywords").toString()).contains("live agent please");
    }

    @Test
    void aWriteTheServerRefusedKeepsNoBackup() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.enqueue("PUT", FakeVendorServer.text(400, "application/json", "{\"detail\":\"no\"}"));
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        assertThat(backups("support")).isEmpty();
    }

    @Test
    void aTimedOutPushTheServerAppliedSaysTheRemoteAlreadyHasItAndFetchRecordsIt() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        // the server applies the PUT, but the answer is lost
        server.enqueue("PUT", new mockwebserver3.MockResponse.Builder()
                .onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                ObjectNode applied = (ObjectNode) FakeVendorServer.body(req);
                server.quickchat(applied);
            }
        });
        assertThat(run("push", "--yes").exitCode()).isEqualTo(ExitCode.REMOTE);
        server.beforeAnswer(req -> { });

        var diff = run("diff");
        assertThat(diff.exitCode()).isZero();
        assertThat(diff.out()).contains("no changes");
        var again = run("push", "--yes");
        assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(again.err()).contains("the remote already has this content").contains("handoff fetch");
        assertThat(server.requests("PUT")).hasSize(1);
        var fetch = run("fetch");
        assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
        assertThat(run("push", "--yes").out()).contains("nothing to push");
    }
}
