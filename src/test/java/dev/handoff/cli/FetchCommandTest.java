package dev.handoff.cli;

import dev.handoff.config.LocalConfig;
import dev.handoff.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FetchCommandTest extends RemoteCliFixture {

    @Test
    void quickchatFetchWritesCanonicalYamlKeepingUnknownFields() {
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("wrote guidelines/support.yaml from " + server.url());
        String yaml = read(file("support.yaml"));
        Golden.assertMatches("fetch/quickchat-canonical.yaml", yaml);
        assertThat(yaml).contains("handoff_sound: chime").contains("widget_version: \"2\"");
        assertThat(server.methods()).containsExactly("GET");
    }

    @Test
    void twoFetchesOfTheSameRemoteGiveIdenticalBytes() {
        run("fetch");
        String first = read(file("support.yaml"));
        var again = run("fetch");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).startsWith("unchanged guidelines/support.yaml");
        assertThat(read(file("support.yaml"))).isEqualTo(first);
    }

    @Test
    void aRemoteHoldingWhatTheRulesRefuseIsWrittenAndSaidAtFetchNotFirstAtPush() {
        var clean = run("fetch");
        assertThat(clean.err()).doesNotContain("documented rule");
        server.quickchat().with("settings").putNull("emails");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("emails: null");
        assertThat(r.err()).contains("handoff: warning: guidelines/support.yaml as fetched breaks 1 documented rule (the remote holds"
                + " those values); 'handoff validate guidelines/support.yaml' lists them");
    }

    @Test
    void aRemoteHoldingWhatTheRulesRefuseIsSaidAlsoWhenOnlyPrinted() {
        var clean = run("fetch", "--stdout");
        assertThat(clean.err()).doesNotContain("documented rule");
        server.quickchat().with("settings").putNull("emails");
        var r = run("fetch", "--stdout");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("emails: null");
        assertThat(r.err()).contains("handoff: warning: the remote as printed breaks 1 documented rule (the remote holds those values)");
        assertThat(java.nio.file.Files.exists(file("support.yaml"))).isFalse();
    }

    @Test
    void aRemoteTextTheLocalYamlCouldNotHoldIsTheRemotesProblemAndNothingIsWritten() {
        assertThat(run("fetch").exitCode()).isZero();
        String before = read(file("support.yaml"));
        var guideline = (com.fasterxml.jackson.databind.node.ObjectNode) server.quickchat().withArray("custom_guidelines").get(0);
        String name = guideline.get("name").asText();
        guideline.put("description", "x".repeat(300_000));
        for (String[] args : new String[][]{{"fetch", "--force"}, {"fetch", "--stdout"}, {"diff"}}) {
            var r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
            assertThat(r.err()).startsWith("handoff: the remote's custom_guidelines[name=" + name + "].description holds more than 262,144 characters"
                    + " without a space or line break").contains("nothing was written").doesNotContain("support.yaml:").doesNotContain("xxxxxxxx");
            assertThat(r.out()).doesNotContain("xxxxxxxx");
        }
        assertThat(read(file("support.yaml"))).isEqualTo(before);
        // pushing the file's shorter text is how to repair such a remote: push does not refuse it
        var push = run("push", "--yes", "--force");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(run("fetch", "--force").exitCode()).isZero();
    }

    @Test
    void aRemoteTextThatGrowsPastTheLimitOnlyOnceEscapedIsTheRemotesProblemToo() {
        assertThat(run("fetch").exitCode()).isZero();
        String before = read(file("support.yaml"));
        // 262,144 characters, within the limit; the 44 control characters are written \x01 in YAML
        ((com.fasterxml.jackson.databind.node.ObjectNode) server.quickchat().withArray("custom_guidelines").get(0))
                .put("description", "x".repeat(262_100) + "\u0001".repeat(44));
        for (String[] args : new String[][]{{"fetch", "--force"}, {"fetch", "--stdout"}}) {
            var r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
            assertThat(r.err()).startsWith("handoff: the remote's custom_guidelines[name=Refund requests].description holds more than 262,144")
                    .contains("nothing was written").doesNotContain("support.yaml:");
            assertThat(r.out()).isEmpty();
        }
        assertThat(read(file("support.yaml"))).isEqualTo(before);
    }

    @Test
    void aNextLineCharacterRoundTripsAndAHalfCharacterIsTheRemotesProblem() {
        // U+0085 is a line break to a YAML reader: unquoted it came back as a space
        server.quickchat().with("settings").put("question_message", "Connect\u0085you?");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("question_message: \"Connect\\Nyou?\"");
        var diff = run("diff");
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        assertThat(diff.out()).contains("no changes");

        // half of a surrogate pair, high or low, as a JSON escape (a JSON writer would not send it raw)
        server.quickchat().with("settings").put("question_message", "HALF");
        String withHalf = server.quickchat().toString();
        for (String half : new String[]{"a\\ud800b", "a\\udfffb"}) {
            for (String[] args : new String[][]{{"fetch", "--force"}, {"diff"}, {"push", "--yes", "--force"}}) {
                server.enqueue("GET", dev.handoff.remote.FakeVendorServer.text(200, "application/json", withHalf.replace("HALF", half)));
                var refused = run(args);
                assertThat(refused.exitCode()).as(half + " " + String.join(" ", args) + ": " + refused).isEqualTo(ExitCode.REMOTE);
                assertThat(refused.err()).contains("handoff: the remote's settings.question_message holds a text with half of a surrogate pair")
                        .doesNotContain("internal error");
            }
        }
        assertThat(server.requests("PUT")).isEmpty();
    }

    @Test
    void remoteVersionIsTheHashOfTheRemoteAndChangesWhenTheRemoteDoes() {
        run("fetch");
        String before = LocalConfig.read(file("support.yaml")).remoteVersion();
        assertThat(before).startsWith("sha256:");
        server.quickchat().with("settings").put("is_active", false);
        run("fetch");
        assertThat(LocalConfig.read(file("support.yaml")).remoteVersion()).startsWith("sha256:").isNotEqualTo(before);
    }

    @Test
    void plugitFetchWritesWebhookSecretsAsPlaceholders() {
        var r = run("fetch", "--target", "sales");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String yaml = read(file("sales.yaml"));
        Golden.assertMatches("fetch/plugit-canonical.yaml", yaml);
        assertThat(yaml).contains("x-api-key: \"${env:PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY}\"")
                .contains("X-Tenant: \"${env:PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT}\"")
                .contains("priority: 1").contains("temperature: 0.2");
        assertThat(r.err()).as("the fixture sets every variable, so none is asked for").doesNotContain("set these variables");
        assertThat(server.requests().get(0).getUrl().encodedPath()).isEqualTo("/v2/agents/agt_123");
    }

    @Test
    void plugitFetchReusesThePlaceholderNamesTheFileAlreadyHas() {
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "${env:PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY}", "${env:SALES_WEBHOOK_KEY}");
        var r = run("fetch", "--target", "sales");
        assertThat(r.exitCode()).isZero();
        String yaml = read(file("sales.yaml"));
        assertThat(yaml).contains("${env:SALES_WEBHOOK_KEY}").doesNotContain("PLUGIT_SALES_HUMAN_HANDOFF_X_API_KEY");
        assertThat(yaml).contains("${env:PLUGIT_SALES_LARGE_ORDER_X_API_KEY}");
    }

    @Test
    void aFileThatCannotBeReadIsKeptAndOnlyForceReplacesIt() {
        // a duplicate key or a merge conflict in a file with unpushed edits: fetch cannot see the edits, so it must not drop them
        String broken = "x-handoff:\n  provider: quickchat\nsettings:\n  keywords: [my unpushed keyword]\n  keywords: [live agent]\n";
        write(file("support.yaml"), broken);
        var refused = run("fetch");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("duplicate key 'keywords'").contains("nothing was written")
                .contains("'handoff fetch --force'");
        assertThat(refused.err().lines().count()).isEqualTo(2);
        assertThat(read(file("support.yaml"))).isEqualTo(broken);

        var forced = run("fetch", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.err()).contains("warning").contains("duplicate key");
        assertThat(read(file("support.yaml"))).isEqualTo(Golden.read("fetch/quickchat-canonical.yaml"));
    }

    @Test
    void aMistypedTargetGetsTheNearestOneAndTheTargetsInTheFilesOrder() {
        for (String typo : new String[] {"suport", "Support"}) {
            var r = run("fetch", "--target", typo);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("unknown target '" + typo + "'")
                    .contains("did you mean 'support'? use one of support, sales, newbot");
        }
        assertThat(run("fetch", "--target", "xyz").err()).contains("  use one of support, sales, newbot").doesNotContain("did you mean");
        assertThat(server.methods()).isEmpty();
    }

    @Test
    void anEmptyFileHasNothingToLoseAndIsReplaced() {
        write(file("support.yaml"), "\n");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).isEqualTo(Golden.read("fetch/quickchat-canonical.yaml"));
    }

    @Test
    void everyCommandNamesABrokenProjectFileTheSameWayRelativeToTheWorkingFolder() {
        edit(project.resolve("handoff.yaml"), "default_target: support", "default_target: suport");
        for (String[] args : new String[][] {{"fetch"}, {"diff"}, {"push"}, {"validate"}, {"replay"}}) {
            var r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("handoff: handoff.yaml: default_target 'suport' is not one of")
                    .doesNotContain(project.toString());
        }
    }

    @Test
    void keywordsAnsweredInAnotherOrderAreTheSameDocumentAndTheFileKeepsItsComments() {
        assertThat(run("fetch").exitCode()).isZero();
        String commented = "# reviewed by the support lead\n" + read(file("support.yaml"));
        write(file("support.yaml"), commented);
        var keywords = (com.fasterxml.jackson.databind.node.ArrayNode) server.quickchat().with("settings").withArray("keywords");
        assertThat(keywords.size()).isGreaterThan(1);
        var reversed = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        keywords.forEach(k -> reversed.add(0, k));
        keywords.removeAll().addAll(reversed);
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).doesNotContain("not kept");
        String after = read(file("support.yaml"));
        assertThat(after).startsWith("# reviewed by the support lead\n");
        // only the remote_version line may differ: the keywords keep the file's order
        assertThat(after.lines().filter(l -> !l.contains("remote_version")).toList())
                .isEqualTo(commented.lines().filter(l -> !l.contains("remote_version")).toList());
    }

    @Test
    void theProjectFileIsNeverReplacedNotEvenWithForce() {
        edit(project.resolve("handoff.yaml"), "file: guidelines/support.yaml", "file: handoff.yaml");
        String before = read(project.resolve("handoff.yaml"));
        for (String[] args : new String[][] {{"fetch"}, {"fetch", "--force"}}) {
            var r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("handoff.yaml is the project file").contains("nothing was fetched or written");
            assertThat(read(project.resolve("handoff.yaml"))).isEqualTo(before);
        }
    }

    @Test
    void anEditSavedWhileTheRemoteIsReadIsKept() {
        assertThat(run("fetch").exitCode()).isZero();
        String saved = read(file("support.yaml")).replace("live agent", "live agent, saved during fetch");
        server.beforeAnswer(request -> write(file("support.yaml"), saved));
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(r.err()).contains("changed while fetch read the remote; nothing was written");
        assertThat(read(file("support.yaml"))).isEqualTo(saved);
    }

    @Test
    void commentsStayWhenTheRemoteHasTheFilesDocument() {
        assertThat(run("fetch").exitCode()).isZero();
        String commented = "# why: legal asked for 'live agent' (LEG-42)\n" + read(file("support.yaml"));
        write(file("support.yaml"), commented);
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("unchanged guidelines/support.yaml");
        assertThat(read(file("support.yaml"))).isEqualTo(commented);
        assertThat(r.err()).doesNotContain("comment");
    }

    @Test
    void aFileAlreadyHoldingTheRemotesDocumentIsNotWrittenAtAll() throws Exception {
        assertThat(run("fetch").exitCode()).isZero();
        write(file("support.yaml"), "# why: legal asked for it (LEG-42)\n" + read(file("support.yaml")));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        java.nio.file.Files.setLastModifiedTime(file("support.yaml"), old);
        // rewritten with the same bytes before: a read-only file with comments failed a fetch that had nothing to change
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(java.nio.file.Files.getLastModifiedTime(file("support.yaml"))).isEqualTo(old);
    }

    @Test
    void aFileThatCannotBeReadIsNoMissingFile() throws Exception {
        write(file("support.yaml"), "x-handoff:\n  provider: quickchat\nsettings:\n  keywords: [my unpushed keyword]\n");
        java.nio.file.Files.setPosixFilePermissions(file("support.yaml"), java.nio.file.attribute.PosixFilePermissions.fromString("-w-------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.isReadable(file("support.yaml")),
                "root reads a file of mode 0200: run as another user to check this");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("guidelines/support.yaml exists but cannot be read").contains("nothing was fetched or written");
        assertThat(server.methods()).isEmpty();
        java.nio.file.Files.setPosixFilePermissions(file("support.yaml"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(read(file("support.yaml"))).contains("my unpushed keyword");
    }

    @Test
    void aFileHoldingOnlyAByteOrderMarkIsEmpty() {
        write(file("support.yaml"), "\uFEFF\n");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).isEqualTo(Golden.read("fetch/quickchat-canonical.yaml"));
    }

    @Test
    void commentsDroppedByARewriteAreSaid() {
        assertThat(run("fetch").exitCode()).isZero();
        write(file("support.yaml"), "# why: legal asked for it (LEG-42)\n" + read(file("support.yaml"))
                .replaceFirst("(?m)^(\\s+is_active: true)$", "$1  # on since the March outage"));
        server.quickchat().with("settings").withArray("keywords").add("a keyword added on the remote");
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("a keyword added on the remote").doesNotContain("LEG-42")
                .doesNotContain("March outage");
        // the end-of-line comment counts as one too
        assertThat(r.err()).contains("warning: 2 comments of guidelines/support.yaml not kept");
    }

    @Test
    void aFileOfAnotherProviderIsNeverOverwrittenNotEvenWithForce() {
        String caty = "x-handoff:\n  provider: caty\ntriggers:\n  user_request: true\n";
        write(file("support.yaml"), caty);
        for (String[] args : new String[][] {{"fetch"}, {"fetch", "--force"}}) {
            var r = run(args);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("handoff: guidelines/support.yaml: a caty configuration, but target ")
                    .contains("nothing was fetched or written").doesNotContain("--force");
            assertThat(read(file("support.yaml"))).isEqualTo(caty);
        }
        assertThat(server.methods()).isEmpty();
        assertThat(run("fetch", "--stdout").exitCode()).isZero();
    }

    @Test
    void stdoutPrintsTheYamlAndWritesNoFile() {
        var r = run("fetch", "--stdout");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(Golden.read("fetch/quickchat-canonical.yaml"));
        assertThat(file("support.yaml")).doesNotExist();
    }

    @Test
    void aMissingTokenExitsFourNamingTheVariableAndTheCredentialsFile() {
        var r = run(new CliHarness(home).workDir(project), "fetch");
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH);
        assertThat(r.err()).contains("QC_TOKEN").contains("credentials.yaml");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aPlugitTargetWithoutAgentIdHasNothingToFetch() {
        var r = run("fetch", "--target", "newbot");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("agent_id");
    }

    @Test
    void apiUrlAndTokenEnvOverrideTheProjectFile() {
        var r = run(new CliHarness(home).workDir(project).env("OTHER_TOKEN", QC_TOKEN),
                "fetch", "--api-url", server.url() + "/", "--token-env", "OTHER_TOKEN", "--project", "handoff.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void aSymlinkedFileStaysALinkThroughFetchAndPush() throws java.io.IOException {
        java.nio.file.Path real = java.nio.file.Files.createDirectories(tmp.resolve("shared")).resolve("support.yaml");
        java.nio.file.Files.createDirectories(file("support.yaml").getParent());
        java.nio.file.Files.createSymbolicLink(file("support.yaml"), real);

        var fetched = run("fetch");
        edit(real, "ai_summary_active: true", "ai_summary_active: false");
        var pushed = run("push", "--yes");

        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(pushed.exitCode()).as(pushed.toString()).isZero();
        assertThat(java.nio.file.Files.isSymbolicLink(file("support.yaml"))).isTrue();
        // push wrote the new remote_version through the link, into the real file
        assertThat(dev.handoff.config.LocalConfig.read(real).remoteVersion())
                .isEqualTo(dev.handoff.sync.SyncTestAccess.remoteVersion(dev.handoff.config.Provider.QUICKCHAT, server.quickchat()));
        assertThat(server.quickchat().at("/settings/ai_summary_active").asBoolean()).isFalse();
    }

    @Test
    void aFolderWhereTheFileGoesIsNamedNotATemporaryFile() throws java.io.IOException {
        java.nio.file.Files.createDirectories(file("support.yaml"));
        var r = run("fetch");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("guidelines/support.yaml: is a folder").doesNotContain(".tmp");
    }
}
