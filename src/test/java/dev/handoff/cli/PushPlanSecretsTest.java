package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan's hashes leave secret values out, so a webhook variable set to another value after
 * {@code diff --out} would change a secret the reviewed plan recorded as unchanged: push --plan
 * refuses (5) when the secrets it would change are not the plan's, no more and no fewer.
 */
class PushPlanSecretsTest extends RemoteCliFixture {

    private static final String VARIABLE = "PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY";
    private static final String UNREVIEWED = "whk_UNREVIEWED_Val_Qq99";
    private static final String KEY_PATH = "categories[title=human_handoff].webhook.headers.x-api-key";

    private String keyOnTheRemote() {
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                return category.get("webhook").get("headers").get("x-api-key").asText();
            }
        }
        throw new AssertionError("no human_handoff category");
    }

    private void planAnEdit(CliHarness harness) {
        run(harness, "fetch", "--target", "sales");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        var diff = run(harness, "diff", "--target", "sales", "--out", "plan.json");
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(ExitCode.CHECK_FAILED);
    }

    @Test
    void aSecretThePlanRecordedAsUnchangedIsNotRotatedByAVariableSetLater() {
        planAnEdit(cli());
        assertThat(json(read(project.resolve("plan.json"))).path("summary").path("secrets_changed").asInt()).isZero();

        var push = run(cli().env(VARIABLE, UNREVIEWED), "push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains("handoff: the secrets this push would change are not the ones plan.json was reviewed with"
                + " (it changes 0 secrets; now " + KEY_PATH + " (" + VARIABLE + ")): a variable was set to another value since the plan"
                + " was made; nothing was sent\n").contains("review again with 'handoff diff --out plan.json'");
        assertThat(server.methods()).doesNotContain("PATCH");
        assertThat(keyOnTheRemote()).isEqualTo(HANDOFF_KEY);
        SecretScan.assertAbsent(List.of(UNREVIEWED), tmp, push.out(), push.err());
    }

    @Test
    void aPlanOfAnOlderHandoffWithoutTheFingerprintIsCheckedByItsCount() {
        planAnEdit(cli());
        ObjectNode plan = (ObjectNode) json(read(project.resolve("plan.json")));
        assertThat(plan.has("secret_changes")).isTrue();
        plan.remove("secret_changes");
        write(project.resolve("plan.json"), plan.toPrettyString());

        var push = run(cli().env(VARIABLE, UNREVIEWED), "push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aReviewedSecretChangeIsPushedAndOneUndoneSinceIsRefused() {
        CliHarness rotating = cli().env(VARIABLE, UNREVIEWED);
        planAnEdit(rotating);
        assertThat(json(read(project.resolve("plan.json"))).path("summary").path("secrets_changed").asInt()).isOne();

        var undone = run(cli(), "push", "--target", "sales", "--plan", "plan.json", "--yes"); // the variable back as it was
        assertThat(undone.exitCode()).as(undone.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(undone.err()).contains("(it changes 1 secret; now none)");
        assertThat(server.methods()).doesNotContain("PATCH");

        var reviewed = run(rotating, "push", "--target", "sales", "--plan", "plan.json", "--yes");
        assertThat(reviewed.exitCode()).as(reviewed.toString()).isZero();
        assertThat(keyOnTheRemote()).isEqualTo(UNREVIEWED);
        SecretScan.assertAbsent(List.of(UNREVIEWED), tmp.resolve("repo"), reviewed.out(), reviewed.err());
    }
}
