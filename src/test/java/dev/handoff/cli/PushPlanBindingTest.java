package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan is what a reviewer approved: the diff of one file against one remote. Another remote with
 * the same content, a patch edited after the plan was written, or a plan missing what makes it one
 * is refused before anything is sent.
 */
class PushPlanBindingTest extends RemoteCliFixture {

    private void planAnEdit() {
        fetchAndEditSales();
        var diff = run("diff", "--target", "sales", "--out", "plan.json");
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    private ObjectNode plan() {
        return (ObjectNode) json(read(project.resolve("plan.json")));
    }

    @Test
    void aPlanRecordsItsRemoteAndIsRefusedForAnotherOneWithTheSameContent() {
        planAnEdit();
        assertThat(plan().path("remote").path("url").asText()).isEqualTo(server.url().replaceFirst("/$", ""));
        assertThat(plan().path("remote").path("agent_id").asText()).isEqualTo("agt_123");
        try (FakeVendorServer production = new FakeVendorServer(QC_TOKEN, PLUGIT_TOKEN).agent(server.agent("agt_123"))) {
            var push = run("push", "--target", "sales", "--api-url", production.url(), "--plan", "plan.json", "--yes");

            assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(push.err()).contains("plan.json was made against " + server.url().replaceFirst("/$", "") + " (agent agt_123),"
                    + " but this push writes to " + production.url().replaceFirst("/$", "") + " (agent agt_123); nothing was sent");
            assertThat(production.methods()).doesNotContain("PATCH");
        }
        var own = run("push", "--target", "sales", "--plan", "plan.json", "--yes");
        assertThat(own.exitCode()).as(own.toString()).isZero();
    }

    @Test
    void aPatchEditedAfterThePlanWasWrittenIsRefused() {
        planAnEdit();
        ObjectNode plan = plan();
        plan.set("patch", json("[{\"op\":\"replace\",\"path\":\"/title\",\"value\":\"HACKED\"}]"));
        write(project.resolve("plan.json"), plan.toPrettyString());

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).contains("plan.json: its patch or summary is not the diff of the file and remote it was made for");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aPlanWithoutRemoteHashIsNoPlanAndAnotherProvidersPlanSaysSo() {
        planAnEdit();
        ObjectNode plan = plan();
        plan.remove("remote_hash");
        write(project.resolve("plan.json"), plan.toPrettyString());
        var noHash = run("push", "--target", "sales", "--plan", "plan.json", "--yes");
        assertThat(noHash.exitCode()).as(noHash.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(noHash.err()).contains("plan.json: not a handoff plan (needs handoff_plan: 1, target, local_hash, remote_hash)")
                .contains("make a plan with 'handoff diff --out plan.json'");

        planAnEdit();
        plan = plan();
        plan.put("provider", "quickchat");
        write(project.resolve("plan.json"), plan.toPrettyString());
        var provider = run("push", "--target", "sales", "--plan", "plan.json", "--yes");
        assertThat(provider.exitCode()).as(provider.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(provider.err()).contains("plan.json is a plan for a quickchat target, but 'sales' is plugit");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aPlanOfAnOlderHandoffWithoutItsRemoteIsStillPushed() {
        planAnEdit();
        ObjectNode plan = plan();
        plan.remove("remote");
        write(project.resolve("plan.json"), plan.toPrettyString());

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.err()).contains("plan.json does not record the remote it was made against");
    }

    @Test
    void anEditedSummaryIsRefusedLikeAnEditedPatch() {
        planAnEdit();
        ObjectNode plan = plan();
        ((ObjectNode) plan.get("summary")).put("changes", 0);
        write(project.resolve("plan.json"), plan.toPrettyString());

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aPlanMadeWhereASecretsVariableWasUnsetIsPushedWhereItIsSet() {
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        // the reviewer's laptop lacks one variable: the summary counts that secret as not compared
        var diff = run(cli().unset("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT"), "diff", "--target", "sales", "--out", "plan.json");
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(plan().path("summary").path("secrets_not_compared").asInt()).isEqualTo(1);

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isZero();
    }

    @Test
    void aForcedPlanAgainstARemoteThatMovedSinceIsPushedNotCalledEdited() {
        planAnEdit();
        ((ObjectNode) server.agent("agt_123")).put("prompt", "A colleague's prompt.");

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes", "--force");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.err()).doesNotContain("edited after");
    }
    @Test
    void aForcedPlanWhoseRemoteSecretWasRotatedSinceSaysSoAndNotThatAVariableChanged() {
        planAnEdit();
        server.agent("agt_123").path("categories").forEach(c -> {
            if (c.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) c.path("webhook").path("headers")).put("x-api-key", "whk_live_ROTATED_since_plan_31");
            }
        });

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes", "--force");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains("the remote changed since plan.json was made, its secrets too")
                .doesNotContain("a variable was set to another value");
        assertThat(server.methods()).doesNotContain("PATCH");
        outputs("whk_live_ROTATED_since_plan_31");
    }
    @Test
    void aPlanThatIsNotThereIsNamedAsGiven() {
        run("fetch", "--target", "sales");
        var push = run("push", "--target", "sales", "--plan", "missing.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).contains("\nhandoff: missing.json: no such file\n").doesNotContain(project.toString());
    }
}
