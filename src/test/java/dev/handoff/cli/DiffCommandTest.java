package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.testing.Golden;
import dev.handoff.testing.JsonPatchApplier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiffCommandTest extends RemoteCliFixture {

    @Test
    void rightAfterFetchThereIsNothingToPush() {
        run("fetch");
        var r = run("diff");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("no changes\n");
    }

    @Test
    void textDiffShowsKeyedPathsWordDiffsAndIgnoresServerManagedFields() {
        write(file("support.yaml"), Golden.read("diff/quickchat-local.yaml"));
        var r = run("diff");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        Golden.assertMatches("diff/quickchat-changes.txt", r.out());
        assertThat(r.out()).contains("custom_guidelines[name=Refund requests].description:")
                .contains("[-14-]{+10 working+}")
                .doesNotContain("topic_based_routing_active")
                .doesNotContain("Legal or safety threat");
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void jsonDiffIsAJsonPatchFromRemoteToLocalWithASummary() {
        write(file("support.yaml"), Golden.read("diff/quickchat-local.yaml"));
        var r = run("diff", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        Golden.assertMatches("diff/quickchat-changes.json", r.out());
        JsonNode out = json(r.out());
        assertThat(out.path("summary").path("changes").asInt()).isEqualTo(10);

        // applying the patch to the remote (canonical order) gives the local document, but for server-managed fields
        JsonNode remote = CanonicalForm.canonicalize(Provider.QUICKCHAT, server.quickchat());
        JsonNode patched = CanonicalForm.canonicalize(Provider.QUICKCHAT, JsonPatchApplier.apply(out.get("patch"), remote));
        JsonNode local = LocalConfig.read(file("support.yaml")).document().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) local.get("settings")).put("topic_based_routing_active", true);
        ((com.fasterxml.jackson.databind.node.ObjectNode) local.get("custom_guidelines").get(2)).put("id", 11);
        assertThat(patched).isEqualTo(CanonicalForm.canonicalize(Provider.QUICKCHAT, local));
    }

    @Test
    void theJsonPatchTestsWhatItReplacesSoAStalePatchDoesNotApply() {
        write(file("support.yaml"), Golden.read("diff/quickchat-local.yaml"));
        JsonNode patch = json(run("diff", "-o", "json").out()).get("patch");
        JsonNode remote = CanonicalForm.canonicalize(Provider.QUICKCHAT, server.quickchat());
        for (JsonNode op : patch) {
            if (op.path("op").asText().matches("replace|remove")) {
                JsonNode before = patch.get(indexOf(patch, op) - 1);
                assertThat(before.path("op").asText()).as("the operation before %s", op).isEqualTo("test");
            }
        }
        JsonPatchApplier.apply(patch, remote);

        // a colleague adds a routing profile at the top: every position after it moved
        com.fasterxml.jackson.databind.node.ObjectNode moved = remote.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) moved.get("routing_profiles")).insert(0,
                json("{\"id\": 40, \"name\": \"Accounts\", \"description\": \"Login.\", \"is_active\": true, \"user_ids\": [7]}"));
        assertThatThrownBy(() -> JsonPatchApplier.apply(patch, moved)).isInstanceOf(JsonPatchApplier.TestFailed.class);
        // ... or edits a value the patch replaces
        com.fasterxml.jackson.databind.node.ObjectNode edited = remote.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("settings")).put("ai_summary_active",
                !remote.at("/settings/ai_summary_active").asBoolean());
        assertThatThrownBy(() -> JsonPatchApplier.apply(patch, edited)).isInstanceOf(JsonPatchApplier.TestFailed.class);
    }

    private static int indexOf(JsonNode array, JsonNode element) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) == element) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void plugitDiffComparesSecretsWithoutShowingThem() {
        write(file("sales.yaml"), Golden.read("diff/plugit-local.yaml"));
        var r = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", "tenant-rotated-0001")
                .env("PLUGIT_SALES_RETURNS_X_API_KEY", "whk_live_RETURNS_99"), "diff", "--target", "sales");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        Golden.assertMatches("diff/plugit-changes.txt", r.out());
        assertThat(r.out()).contains("categories[title=human_handoff].webhook.headers.X-Tenant: secret changed")
                .contains("x-api-key: secret unchanged")
                .doesNotContain("tenant-rotated-0001").doesNotContain("whk_live_RETURNS_99");
    }

    @Test
    void aSecretWhoseVariableIsNotSetIsReportedAsNotCompared() {
        run("fetch", "--target", "sales");
        var r = run(new CliHarness(home).workDir(project).env("PLUGIT_TOKEN", PLUGIT_TOKEN)
                .env("PLUGIT_SALES_LARGE_ORDER_X_API_KEY", LARGE_ORDER_KEY)
                .env("PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY", HANDOFF_KEY), "diff", "--target", "sales");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("no changes").contains("X-Tenant: secret not compared (set PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT");
    }

    @Test
    void outSavesAPlanWithBothHashes() {
        run("fetch");
        edit(file("support.yaml"), "  ai_summary_active: true", "  ai_summary_active: false");
        var r = run("diff", "--out", "plan.json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        JsonNode plan = json(read(project.resolve("plan.json")));
        LocalConfig local = LocalConfig.read(file("support.yaml"));
        assertThat(plan.path("target").asText()).isEqualTo("support");
        assertThat(plan.path("remote_hash").asText()).isEqualTo(local.remoteVersion());
        assertThat(plan.path("local_hash").asText()).isEqualTo(CanonicalForm.hash(Provider.QUICKCHAT, local.document()));
        assertThat(plan.path("patch").get(0).path("path").asText()).isEqualTo("/settings/ai_summary_active");
        assertThat(r.err()).contains("push --plan plan.json");
    }

    @Test
    void malformedLocalYamlIsAUsageErrorWithLineAndColumn() {
        write(file("support.yaml"), "settings:\n  is_active: true\n  keywords: [a, b\n");
        var r = run("diff");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).containsPattern("support\\.yaml:\\d+:\\d+: malformed YAML");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMergeKeyIsRefusedNotComparedAsAKeyNamedLessLess() {
        run("fetch");
        edit(file("support.yaml"), "  - id: 29\n", "  - id: 29\n    <<: {priority: 3}\n");
        var r = run("diff", "guidelines/support.yaml", "guidelines/support.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).matches("handoff: guidelines/support\\.yaml:\\d+:5: YAML merge keys \\('<<'\\) are not supported; write"
                + " the keys out\n  copy the keys it merges into this mapping and remove the '<<' line\n");
        var push = run("push", "--yes");
        assertThat(push.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(push.err()).isEqualTo(r.err());
        assertThat(server.methods()).containsOnly("GET");
    }

    @Test
    void aMissingLocalFileSaysHowToCreateIt() {
        var r = run("diff");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("guidelines/support.yaml: no such file").contains("handoff fetch --target support");
    }

    @Test
    void diffForAnAgentNotCreatedYetShowsEverythingAsAdded() {
        write(file("newbot.yaml"), "x-handoff: {provider: plugit}\ntitle: New bot\ncategories:\n  - title: human_handoff\n    criteria: asks for a person\n");
        var r = run("diff", "--target", "newbot");
        assertThat(r.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(r.out()).contains("does not exist yet").contains("+ title: \"New bot\"").contains("+ categories");
    }

    @Test
    void threeOrMoreFilesAreAUsageErrorAndNothingIsAsked() {
        run("fetch");
        int before = server.requests().size();
        write(project.resolve("a.yaml"), read(file("support.yaml")));

        var r = run("diff", "a.yaml", "a.yaml", "a.yaml");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("diff takes two files (OLD NEW)").contains("got 3");
        assertThat(server.requests()).hasSize(before);
    }

    @Test
    void thePlanExampleOfTheHelpRunsAsPrinted() {
        run("fetch");
        edit(file("support.yaml"), "  ai_summary_active: true", "  ai_summary_active: false");
        String example = java.util.Arrays.stream(new picocli.CommandLine(new DiffCommand()).getCommandSpec().usageMessage().footer())
                .map(String::strip).filter(l -> l.contains("--out plan.json")).findFirst().orElseThrow();
        assertThat(example).doesNotContain("&&"); // diff exits 1 when there are changes

        java.util.List<Integer> codes = new java.util.ArrayList<>();
        for (String command : example.split(";")) {
            String[] words = command.strip().split("\\s+");
            assertThat(words[0]).isEqualTo("handoff");
            codes.add(run(java.util.Arrays.copyOfRange(words, 1, words.length)).exitCode()); // no terminal, as in CI
        }

        assertThat(codes).containsExactly(ExitCode.CHECK_FAILED, 0);
        assertThat(server.methods()).contains("PUT");
    }

    @Test
    void outRefusesTheFilesTheProjectReadsEvenThroughALink() throws java.io.IOException {
        run("fetch");
        run("fetch", "--target", "sales");
        edit(file("support.yaml"), "  ai_summary_active: true", "  ai_summary_active: false"); // not pushed yet
        java.nio.file.Files.createSymbolicLink(project.resolve("linkplan.json"), file("support.yaml"));
        // a link to a target's file that does not exist yet: writing through it would create that file
        java.nio.file.Files.createSymbolicLink(project.resolve("dangling.json"), java.nio.file.Path.of("guidelines/newbot.yaml"));
        String support = read(file("support.yaml"));
        String sales = read(file("sales.yaml"));
        String projectFile = read(project.resolve("handoff.yaml"));
        int before = server.requests().size();

        for (String out : new String[] {"guidelines/support.yaml", "handoff.yaml", "guidelines/sales.yaml", "linkplan.json",
                "./guidelines/../guidelines/support.yaml", "dangling.json"}) {
            var r = run("diff", "--out", out);
            assertThat(r.exitCode()).as(out + ": " + r).isEqualTo(ExitCode.USAGE);
            assertThat(r.out()).as(out).isEmpty();
            assertThat(r.err()).as(out).startsWith("handoff: --out " + out + ": is also an input (")
                    .contains("\n  write --out to another file").hasLineCount(2);
        }

        assertThat(read(file("support.yaml"))).isEqualTo(support);
        assertThat(read(file("sales.yaml"))).isEqualTo(sales);
        assertThat(read(project.resolve("handoff.yaml"))).isEqualTo(projectFile);
        assertThat(file("newbot.yaml")).doesNotExist();
        assertThat(server.requests()).hasSize(before);
    }
}
