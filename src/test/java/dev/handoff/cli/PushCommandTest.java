package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.remote.FakeVendorServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PushCommandTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";

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

    private static JsonNode canonical(Provider p, JsonNode doc) {
        return CanonicalForm.canonicalize(p, doc);
    }

    @Test
    void fetchEditPushSendsBackTheServedDocumentWithOnlyTheEdit() {
        ObjectNode served = server.quickchat().deepCopy();
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        // fetch, the diff, the re-read right before the write, the write, the check
        assertThat(server.methods()).containsExactly("GET", "GET", "GET", "PUT", "GET");
        RecordedRequest put = server.requests("PUT").get(0);
        ObjectNode expected = served.deepCopy();
        for (JsonNode g : expected.get("custom_guidelines")) {
            if (g.get("name").asText().equals("Refund requests")) {
                ((ObjectNode) g).put("description", g.get("description").asText().replace(OLD_REFUND, NEW_REFUND));
            }
        }
        assertThat(canonical(Provider.QUICKCHAT, FakeVendorServer.body(put))).isEqualTo(canonical(Provider.QUICKCHAT, expected));
        assertThat(FakeVendorServer.body(put).has(LocalConfig.HEADER)).isFalse();
        assertThat(put.getHeaders().get("Authorization")).isEqualTo("Bearer " + QC_TOKEN);
        assertThat(r.out()).contains("~ custom_guidelines[name=Refund requests].description:")
                .contains("pushed 1 change to 'support' with PUT " + server.url() + FakeVendorServer.QUICKCHAT_PATH);

        // one backup of the remote as it was, the file now records the new version, and nothing is left to push
        assertThat(backups("support")).singleElement().satisfies(b -> {
            assertThat(b.getFileName().toString()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{12}\\.yaml");
            assertThat(LocalConfig.read(b).document()).isEqualTo(canonical(Provider.QUICKCHAT, served));
        });
        assertThat(LocalConfig.read(file("support.yaml")).remoteVersion())
                .isEqualTo(dev.handoff.sync.SyncTestAccess.remoteVersion(Provider.QUICKCHAT, server.quickchat()));
        assertThat(run("diff").exitCode()).isZero();
    }

    @Test
    void aRemoteChangedSinceFetchIsAConflictAndNothingIsSent() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.quickchat().with("settings").put("question_message", "Shall I get a colleague?");

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.out()).contains("The remote changed since guidelines/support.yaml was made")
                .contains("~ settings.question_message:")
                .contains("[-Would you like me to connect you with someone from our support team?-]{+Shall I get a colleague?+}");
        assertThat(r.err()).contains("nothing was sent").contains("handoff fetch").contains("--force");
        assertThat(server.methods()).doesNotContain("PUT");
        assertThat(backups("support")).isEmpty();
    }

    @Test
    void aFileThatBreaksADocumentedRuleIsRefusedBeforeTheRemoteIsAsked() {
        run("fetch");
        int requestsAfterFetch = server.requests().size();
        edit(file("support.yaml"), "end_time: \"18:00\"", "end_time: \"07:00\"");

        var r = run("push", "--yes", "--force");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out() + r.err()).contains("support.yaml:").contains("handoff validate");
        assertThat(server.requests()).hasSize(requestsAfterFetch);
        assertThat(backups("support")).isEmpty();
    }

    @Test
    void forceOverwritesARemoteThatChanged() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.quickchat().with("settings").put("question_message", "Shall I get a colleague?");
        var r = run("push", "--yes", "--force");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("overwriting it (--force)");
        assertThat(server.quickchat().at("/settings/question_message").asText()).startsWith("Would you like");
    }

    @Test
    void withoutATerminalAndWithoutYesPushRefuses() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var r = run("push");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("no terminal").contains("--yes");
        assertThat(r.out()).contains("Refund requests");
        assertThat(server.methods()).doesNotContain("PUT");
    }

    @Test
    void onATerminalPushAsksAndOnlyYesProceeds() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var no = run(cli().interactive(true, "n\n"), "push");
        assertThat(no.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(no.err()).contains("Push 1 change to 'support'").contains("[y/N]").contains("cancelled");
        assertThat(server.methods()).doesNotContain("PUT");

        var yes = run(cli().interactive(true, "y\n"), "push");
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(server.methods()).contains("PUT");
    }

    @Test
    void withStdoutPipedButATerminalToTypeOnPushStillAsks() {
        // handoff push | tee push.log: the question goes to stderr, the answer comes from the terminal
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var no = run(cli().terminalInputOnly("\n"), "push");
        assertThat(no.exitCode()).as(no.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(no.err()).contains("Push 1 change to 'support'").contains("[y/N]").doesNotContain("no terminal");
        assertThat(no.out()).contains("[-14-]{+10 working+}").doesNotContain("[y/N]", "\u001b[");
        assertThat(server.methods()).doesNotContain("PUT");

        var yes = run(cli().terminalInputOnly("y\n"), "push");
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(server.methods()).contains("PUT");
    }

    @Test
    void dryRunStopsAfterTheDiff() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var r = run("push", "--dry-run");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("[-14-]{+10 working+}");
        assertThat(server.methods()).containsExactly("GET", "GET");
    }

    @Test
    void nothingToPushSendsNothing() {
        run("fetch");
        var r = run("push", "--yes");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no changes").contains("nothing to push");
        assertThat(server.methods()).doesNotContain("PUT");
    }

    @Test
    void fieldsTheServerChangedOrDroppedAreReportedAfterThePush() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        server.onStore(doc -> {
            doc.with("settings").remove("handoff_sound");
            doc.with("settings").put("question_message", "Talk to a human?");
            return doc;
        });
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the server did not store everything as sent:")
                .contains("settings.handoff_sound: dropped by the server (sent \"chime\")")
                .contains("settings.question_message: sent \"Would you like");
    }

    @Test
    void pushKeepsCommentsAndOnlyRewritesTheRemoteVersionLine() {
        run("fetch");
        edit(file("support.yaml"), "settings:\n", "# reviewed by the support leads\nsettings:\n");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        String before = LocalConfig.read(file("support.yaml")).remoteVersion();
        var r = run("push", "--yes");
        assertThat(r.exitCode()).isZero();
        String text = read(file("support.yaml"));
        assertThat(text).contains("# reviewed by the support leads").contains(NEW_REFUND);
        assertThat(LocalConfig.read(file("support.yaml")).remoteVersion()).isNotEqualTo(before);
    }

    @Test
    void aFileNeverFetchedNeedsForce() {
        run("fetch");
        write(file("support.yaml"), read(file("support.yaml")).replaceAll("(?m)^  remote_version: .*\n", ""));
        assertThat(read(file("support.yaml"))).doesNotContain("remote_version");
        var r = run("push", "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("no remote_version");
        assertThat(server.methods()).doesNotContain("PUT");
    }

    @Test
    void aPlanIsHonouredAndRefusedWhenEitherSideMovedOn() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        assertThat(run("diff", "--out", "plan.json").exitCode()).isEqualTo(ExitCode.CHECK_FAILED);

        edit(file("support.yaml"), "  ai_summary_active: true", "  ai_summary_active: false");
        var localMoved = run("push", "--plan", "plan.json", "--yes");
        assertThat(localMoved.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(localMoved.err()).contains("changed since plan.json was made");

        edit(file("support.yaml"), "  ai_summary_active: false", "  ai_summary_active: true");
        server.quickchat().with("settings").put("is_active", false);
        var remoteMoved = run("push", "--plan", "plan.json", "--yes");
        assertThat(remoteMoved.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(remoteMoved.out()).contains("The remote changed since the plan was made");
        assertThat(server.methods()).doesNotContain("PUT");

        server.quickchat().with("settings").put("is_active", true);
        var ok = run("push", "--plan", "plan.json", "--yes");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(server.methods()).contains("PUT");
    }

    @Test
    void verboseLogsRequestLinesWithoutTheToken() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var r = run("-v", "push", "--yes");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("> GET " + server.url()).contains("> PUT " + server.url()).contains("< 200");
    }

    @Test
    void malformedOrMissingLocalFilesAreClearUsageErrors() {
        write(file("support.yaml"), "settings:\n  is_active: [true\n");
        var malformed = run("push", "--yes");
        assertThat(malformed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(malformed.err()).containsPattern("support\\.yaml:\\d+:\\d+: malformed YAML");
        var missing = run("push", "--yes", "--target", "sales");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("guidelines/sales.yaml: no such file");
        write(file("support.yaml"), "  \n");
        var empty = run("push", "--yes");
        assertThat(empty.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(empty.err()).contains("support.yaml: the file is empty");
        try {
            Files.write(file("support.yaml"), new byte[]{'s', ':', ' ', (byte) 0xC3, 0x28, '\n'});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var latin = run("push", "--yes");
        assertThat(latin.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(latin.err()).contains("support.yaml:1:4: not valid UTF-8");
        assertThat(server.requests()).isEmpty();
    }

    // ---- Plugit

    @Test
    void plugitPushPatchesWithIdAndAContentDerivedIdempotencyKeyAndResolvedSecrets() {
        ObjectNode served = server.agent("agt_123").deepCopy();
        fetchAndEditSales();

        var r = run("push", "--target", "sales", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.methods()).containsExactly("GET", "GET", "GET", "PATCH", "GET");
        RecordedRequest patch = server.requests("PATCH").get(0);
        assertThat(patch.getUrl().encodedPath()).isEqualTo("/v2/agents");
        assertThat(patch.getHeaders().get("Idempotency-Key")).matches("handoff-[0-9a-f]{64}");
        JsonNode body = FakeVendorServer.body(patch);
        assertThat(body.fieldNames().next()).isEqualTo("id");
        ObjectNode expected = served.deepCopy();
        ((ObjectNode) expected.get("categories").get(0)).put("criteria",
                expected.get("categories").get(0).get("criteria").asText().replace("custom branding", "custom branding or embroidery"));
        assertThat(canonical(Provider.PLUGIT, body)).isEqualTo(canonical(Provider.PLUGIT, expected));
        assertThat(backups("sales")).hasSize(1);
    }

    @Test
    void aTopLevelFieldDeletedFromAPlugitFileIsRefusedSinceAPatchWouldKeepIt() throws IOException {
        run("fetch", "--target", "sales");
        Path file = file("sales.yaml");
        Files.writeString(file, Files.readString(file).replaceFirst("(?m)^temperature: 0\\.2\n", ""));

        var diff = run("diff", "--target", "sales");
        assertThat(diff.out()).contains("- temperature");
        assertThat(diff.err()).contains("note: a Plugit update (PATCH) keeps the fields it is not sent: 'temperature' stays on the agent");

        var r = run("push", "--target", "sales", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'temperature' is on the agent but not in the file, and a Plugit update (PATCH) keeps the fields"
                + " it is not sent; nothing was sent");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aFileForAnotherAgentIsRefused() {
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "id: agt_123", "id: agt_999");
        var r = run("push", "--target", "sales", "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("id 'agt_999' is not the target's agent_id 'agt_123'");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void plugitPatchIsRetriedWithTheSameIdempotencyKey() {
        fetchAndEditSales();
        server.enqueue("PATCH", FakeVendorServer.text(503, "application/json", "{\"message\":\"busy\"}"));
        var r = run("push", "--target", "sales", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<RecordedRequest> patches = server.requests("PATCH");
        assertThat(patches).hasSize(2);
        assertThat(patches.get(1).getHeaders().get("Idempotency-Key")).isEqualTo(patches.get(0).getHeaders().get("Idempotency-Key"));
        assertThat(r.err()).contains("HTTP 503; retrying in");
    }

    @Test
    void aMissingSecretVariableStopsThePushBeforeAnythingIsSent() {
        fetchAndEditSales();
        var r = run(new CliHarness(home).workDir(project).env("PLUGIT_TOKEN", PLUGIT_TOKEN), "push", "--target", "sales", "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        // the count and the list name the other variables only, each once
        var named = java.util.regex.Pattern.compile("but (\\w+) is not set \\(and 2 more: (\\w+), (\\w+)\\)").matcher(r.err());
        assertThat(named.find()).as(r.err()).isTrue();
        assertThat(java.util.List.of(named.group(1), named.group(2), named.group(3))).containsExactlyInAnyOrder(
                "PLUGIT_SALES_LARGE_ORDER_X_API_KEY", "PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY", "PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void plugitPushWithoutAgentIdCreatesTheAgentAndSaysToRecordItsId() {
        write(file("newbot.yaml"), """
                x-handoff: {provider: plugit}
                title: Returns bot
                categories:
                  - title: human_handoff
                    criteria: The user asks for a person.
                    webhook:
                      url: https://example.test/hook
                      headers: {x-api-key: "${env:NEWBOT_KEY}"}
                """);
        var r = run(cli().env("NEWBOT_KEY", "whk_live_HANDOFF_2b8d41"), "push", "--target", "newbot", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(server.methods()).containsExactly("POST", "GET");
        RecordedRequest post = server.requests("POST").get(0);
        assertThat(post.getHeaders().get("Idempotency-Key")).startsWith("handoff-");
        assertThat(FakeVendorServer.body(post).has("id")).isFalse();
        assertThat(FakeVendorServer.body(post).at("/categories/0/webhook/headers/x-api-key").asText()).isEqualTo(HANDOFF_KEY);
        assertThat(server.requests("GET").get(0).getUrl().encodedPath()).isEqualTo("/v2/agents/agt_new_1");
        assertThat(r.out()).contains("created agent agt_new_1");
        assertThat(r.err()).contains("agent_id: agt_new_1").contains("targets.newbot");
    }
}
