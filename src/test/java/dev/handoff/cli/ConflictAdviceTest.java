package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When both the file and the remote changed, push and fetch both refuse (exit 5). Their advice
 * must lead out, not from one to the other: commit, 'fetch --force', bring the edits back, push.
 */
class ConflictAdviceTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";

    @Test
    void theAdviceOfPushAndFetchLeadsOutOfTheConflict() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        ((ArrayNode) server.quickchat().with("settings").withArray("emails")).add("night-shift@northwind-outfitters.example");

        var push = run("push", "--yes");
        var fetch = run("fetch");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains("commit your edits, run 'handoff fetch --force'")
                .contains("git checkout -p HEAD -- guidelines/support.yaml")
                .doesNotContain("run 'handoff fetch' to take");
        assertThat(fetch.exitCode()).as(fetch.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(fetch.err()).contains("the remote changed too, so push would refuse them")
                .contains("'handoff fetch --force'").contains("'handoff fetch --stdout'")
                .doesNotContain("keep them: 'handoff push'");

        // following it (the edit re-applied by hand here, where git would bring it back) gets both changes pushed
        assertThat(run("fetch", "--force").exitCode()).isZero();
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        var again = run("push", "--yes");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(server.quickchat().toString()).contains(NEW_REFUND).contains("night-shift@northwind-outfitters.example");
    }

    @Test
    void fetchOverUnpushedEditsOfAnUnchangedRemoteSaysToPushThem() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);

        var fetch = run("fetch");

        assertThat(fetch.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(fetch.err()).contains("keep them: 'handoff push'").doesNotContain("the remote changed too");
    }

    @Test
    void withoutACopyOfTheFilesVersionTheConflictReadsFromTheFileToTheRemoteAndSaysSo() throws java.io.IOException {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        ((ArrayNode) server.quickchat().with("settings").withArray("emails")).add("night-shift@northwind-outfitters.example");
        // as on a machine that did not fetch the file
        try (var versions = java.nio.file.Files.walk(home.resolve(".local/state/handoff/versions"))) {
            versions.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        var push = run("--no-color", "push", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.out()).contains("here is guidelines/support.yaml -> the remote instead: '+' is only on the remote, "
                        + "'-' only in your file, your own edits included")
                .contains("+ settings.emails: \"night-shift@northwind-outfitters.example\"")
                .doesNotContain("- settings.emails")
                .as("the file's text first, the remote's after it").contains("[-10 working-]{+14+}");
    }
}
