package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.handoff.config.LocalConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids the server assigns reach the local file; restore recreates deleted items; fetch keeps unpushed edits. */
class PushIdsAndFetchTest extends RemoteCliFixture {

    private List<Path> backups(String target) throws IOException {
        try (Stream<Path> s = Files.list(stateDir("backups", target))) {
            return s.sorted().toList();
        }
    }

    @Test
    void aNewItemsIdIsReportedAndWrittenBackKeepingCommentsSoTheNextPushDoesNotCreateItAgain() {
        run("fetch");
        edit(file("support.yaml"), "custom_guidelines:\n", """
                custom_guidelines:
                  # added for the bulk team
                  - name: Bulk orders
                    description: The user wants to order more than 50 items at once.
                    is_active: true
                """);
        var r = run("push", "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("the server assigned custom_guidelines[name=Bulk orders].id = 13");
        String text = read(file("support.yaml"));
        assertThat(text).contains("  # added for the bulk team\n  - id: 13\n    name: Bulk orders\n");
        var again = run("push", "--yes");
        assertThat(again.out()).as(again.toString()).contains("nothing to push");
        assertThat(server.quickchat().get("custom_guidelines")).hasSize(4);
    }

    @Test
    void anIdTheFileLeftOutAndPushCarriedOverFromTheRemoteIsNotReportedAsAssignedByTheServer() {
        run("fetch");
        String text = read(file("support.yaml"));
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("(?m)^custom_guidelines:\n  - id: (\\d+)\n    name: (.+)\n")
                .matcher(text);
        assertThat(first.find()).as(text).isTrue();
        write(file("support.yaml"), text.replace(first.group(), "custom_guidelines:\n  - name: " + first.group(2) + "\n"));
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String label = "custom_guidelines[name=" + first.group(2) + "].id = " + first.group(1);
        assertThat(r.out()).contains("the file takes the remote's " + label).doesNotContain("the server assigned");
        assertThat(read(file("support.yaml"))).contains("- id: " + first.group(1) + "\n    name: " + first.group(2));
    }

    @Test
    void aSecondPushOfAPlugitFileWithoutAgentIdUpdatesTheAgentTheFirstCreated() {
        write(file("newbot.yaml"), """
                # returns bot, owned by the support team
                x-handoff: {provider: plugit}
                title: Returns bot
                categories:
                  - title: human_handoff
                    criteria: The user asks for a person.
                    webhook:
                      url: https://example.test/hook
                      headers: {x-api-key: "${env:NEWBOT_KEY}"}
                """);
        var first = run(cli().env("NEWBOT_KEY", HANDOFF_KEY), "push", "--target", "newbot", "--yes");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("created agent agt_new_1");
        assertThat(read(file("newbot.yaml"))).startsWith("# returns bot, owned by the support team\n").contains("\nid: agt_new_1\n");

        edit(file("newbot.yaml"), "The user asks for a person.", "The user asks for a person or a call.");
        var second = run(cli().env("NEWBOT_KEY", HANDOFF_KEY), "push", "--target", "newbot", "--yes", "--force");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(server.requests("POST")).hasSize(1);
        assertThat(server.requests("PATCH")).hasSize(1);
        assertThat(server.agent("agt_new_1").at("/categories/0/criteria").asText()).contains("or a call");
        assertThat(server.agent("agt_new_2")).isNull();
    }

    @Test
    void restoreRecreatesAnItemTheRemoteDeletedAndReportsItsNewId() throws IOException {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");
        assertThat(run("push", "--yes").exitCode()).isZero();
        Path backup = backups("support").get(0);
        // someone deletes the Technical Support profile (id 31) in the dashboard
        ArrayNode profiles = (ArrayNode) server.quickchat().get("routing_profiles");
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).get("id").asInt() == 31) {
                profiles.remove(i);
            }
        }

        var r = run("restore", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("recreated routing_profiles[name=Technical Support] with id 32 (its old id 31 is gone from the remote)")
                .as("the new id is what a recreated item gets, not something the server failed to store")
                .doesNotContain("did not store everything as sent");
        JsonNode sent = dev.handoff.remote.FakeVendorServer.body(server.requests("PUT").get(1));
        assertThat(sent.get("routing_profiles").toString()).doesNotContain("\"id\":31");
        assertThat(server.quickchat().get("routing_profiles").toString()).contains("Technical Support");
    }

    @Test
    void fetchRefusesToOverwriteEditsThatWereNotPushedUnlessForced() {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");
        String edited = read(file("support.yaml"));

        var r = run("fetch");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.out()).contains("~ custom_guidelines[name=Refund requests].description");
        assertThat(r.err()).contains("edits that were not pushed").contains("nothing was written")
                .contains("handoff push").contains("handoff fetch --force");
        assertThat(read(file("support.yaml"))).isEqualTo(edited);

        var forced = run("fetch", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("has not arrived after 14 days");
        assertThat(run("fetch").exitCode()).as("an unedited file is fetched over").isZero();
        assertThat(LocalConfig.read(file("support.yaml")).remoteVersion()).isNotNull();
    }
}
