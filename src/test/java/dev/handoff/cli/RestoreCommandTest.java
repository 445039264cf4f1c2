package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.Provider;
import dev.handoff.config.yaml.CanonicalForm;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RestoreCommandTest extends RemoteCliFixture {

    private List<Path> backups(String target) throws IOException {
        try (Stream<Path> s = Files.list(stateDir("backups", target))) {
            return s.sorted().toList();
        }
    }

    @Test
    void restorePutsTheBackupBackAndBacksUpTheCurrentRemoteFirst() throws IOException {
        ObjectNode original = server.quickchat().deepCopy();
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");
        assertThat(run("push", "--yes").exitCode()).isZero();
        Path backup = backups("support").get(0);

        var r = run("restore", "--target", "support", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("does not check whether the remote changed").contains("handoff fetch --target support");
        assertThat(r.out()).contains("[-10 working-]{+14+}").contains("restored 1 change to 'support'");
        var put = server.requests("PUT");
        assertThat(put).hasSize(2);
        assertThat(CanonicalForm.canonicalize(Provider.QUICKCHAT, FakeVendorServer.body(put.get(1))))
                .isEqualTo(CanonicalForm.canonicalize(Provider.QUICKCHAT, original));
        assertThat(backups("support")).hasSize(2);
    }

    @Test
    void aBackupOfARemoteThatHeldWhatTheRulesRefuseGoesBackAsItWas() throws IOException {
        // the remote holds emails: null; the user fixes it and pushes; the backup of that remote must undo the push
        server.quickchat().with("settings").putNull("emails");
        run("fetch");
        edit(file("support.yaml"), "emails: null", "emails: []");
        assertThat(run("push", "--yes").exitCode()).isZero();
        Path backup = backups("support").get(0);
        assertThat(read(backup)).contains("emails: null");

        var r = run("restore", "--target", "support", backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("breaks 1 documented rule (listed above); it is what the remote held when it was backed up");
        assertThat(FakeVendorServer.body(server.requests("PUT").get(1)).at("/settings/emails").isNull()).isTrue();
    }

    @Test
    void pushAndRestoreNameFilesAsValidateDoesNotByTheirAbsolutePath() throws IOException {
        run("fetch");
        edit(file("support.yaml"), "timezone: Europe/Berlin", "timezone: Europe/Berln");
        var push = run("push", "--yes");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(push.err()).contains("guidelines/support.yaml:").doesNotContain(project.toString());
        var validate = run("validate", "guidelines/support.yaml");
        String finding = validate.out().lines().filter(l -> l.contains("Europe/Berln")).findFirst().orElseThrow();
        assertThat(push.err()).startsWith(finding + "\n");

        Path saved = Files.createDirectories(project.resolve("saved")).resolve("old.yaml");
        Files.writeString(saved, read(file("support.yaml")).replace("is_active: true", "is_active: [true"));
        var restore = run("restore", "--target", "support", "saved/old.yaml", "--yes");
        assertThat(restore.exitCode()).as(restore.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(restore.err()).startsWith("handoff: saved/old.yaml:").doesNotContain(project.toString());
    }

    @Test
    void aBackupWhoseTextWasMaskedIsRefusedInsteadOfWritingTheMaskToTheRemote() throws IOException {
        // a header's value also stands in a criteria text: fetch says so, the backup masks it there
        String region = "eu-central-zone7";
        ObjectNode agent = server.agent("agt_123");
        ObjectNode category = (ObjectNode) agent.get("categories").get(0);
        ((ObjectNode) category.get("webhook").get("headers")).put("X-Region", region);
        category.put("criteria", category.get("criteria").asText() + " Region " + region + " VIPs always.");
        String title = category.get("title").asText();
        String variable = "PLUGIT_SALES_" + title.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_X_REGION";
        var fetched = run(cli().env(variable, region), "fetch", "--target", "sales");
        assertThat(fetched.err()).contains("categories[title=" + title + "].criteria holds a secret's value in its text on the remote,"
                        + " written as <redacted>; push refuses the file until you rewrite that text")
                .doesNotContain(region);
        assertThat(read(file("sales.yaml"))).contains("Region <redacted> VIPs always.").doesNotContain(region);
        assertThat(run(cli().env(variable, region), "fetch", "--target", "sales").exitCode()).as("fetched again: no edit").isZero();
        var refused = run(cli().env(variable, region), "push", "--target", "sales", "--yes");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("pushing would write <redacted> to the remote");
        // the text rewritten without the secret: the push takes it off the remote
        edit(file("sales.yaml"), " Region <redacted> VIPs always.", " VIPs always.");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        assertThat(run(cli().env(variable, region), "push", "--target", "sales", "--yes").exitCode()).isZero();
        Path backup = backups("sales").get(0);
        assertThat(Files.readString(backup)).doesNotContain(region).contains("Region <redacted> VIPs");

        var r = run(cli().env(variable, region), "restore", "--target", "sales", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("categories[title=" + title + "].criteria holds <redacted>, the mask handoff writes where a secret's value")
                .contains("restoring would write <redacted> to the remote").doesNotContain(region);

        // the same text in the local file (copied from masked output) is not pushed either, as a value or as a key
        edit(file("sales.yaml"), "custom branding or embroidery", "custom branding or <redacted>");
        var push = run(cli().env(variable, region), "push", "--target", "sales", "--yes");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(2);
        assertThat(push.err()).contains("pushing would write <redacted> to the remote");
        edit(file("sales.yaml"), "custom branding or <redacted>", "custom branding or embroidery");
        edit(file("sales.yaml"), "title: Sales Assistant\n", "title: Sales Assistant\nmetadata:\n  \"<redacted>\": tenant id\n");
        var key = run(cli().env(variable, region), "push", "--target", "sales", "--yes");
        assertThat(key.exitCode()).as(key.toString()).isEqualTo(2);
        assertThat(key.err()).contains("metadata.<redacted> (its key) holds <redacted>");
        assertThat(server.requests("PATCH")).as("only the push wrote").hasSize(1);
        assertThat(server.agent("agt_123").toString()).doesNotContain("<redacted>");
    }

    @Test
    void twoRemoteKeysThatBothMaskToTheSameTextStayTwoKeysInTheBackupAndTheRestoreNamesThem() throws IOException {
        // the secret's value is a key on the remote, in two spellings: each masks to <redacted>
        String region = "eu-central-zone7";
        ObjectNode agent = server.agent("agt_123");
        ObjectNode category = (ObjectNode) agent.get("categories").get(0);
        ((ObjectNode) category.get("webhook").get("headers")).put("X-Region", region);
        agent.putObject("metadata").put(region, "primary").put(region.toUpperCase(java.util.Locale.ROOT), "fallback");
        String title = category.get("title").asText();
        String variable = "PLUGIT_SALES_" + title.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "_X_REGION";
        var fetched = run(cli().env(variable, region), "fetch", "--target", "sales");
        assertThat(fetched.exitCode()).as(fetched.toString()).isZero();
        assertThat(read(file("sales.yaml"))).as("neither key is dropped from the fetched file")
                .contains("primary").contains("fallback").doesNotContainIgnoringCase(region);
        // the user rewrites the keys (push refuses the masked text) and pushes: the backup holds the remote with both keys
        Files.writeString(file("sales.yaml"), read(file("sales.yaml")).replaceAll("(?m)^metadata:\n(  .*\n)+", "metadata:\n  region: primary\n"));
        var push = run(cli().env(variable, region), "push", "--target", "sales", "--yes");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        Path backup = backups("sales").get(0);
        assertThat(read(backup)).contains("primary").contains("fallback").doesNotContainIgnoringCase(region);

        var r = run(cli().env(variable, region), "restore", "--target", "sales", backup.toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("metadata.<redacted> (its key), metadata.<redacted> (2) (its key) hold <redacted>")
                .contains("restoring would write <redacted> to the remote").doesNotContainIgnoringCase(region)
                .doesNotContainIgnoringCase("duplicate");
        assertThat(server.requests("PATCH")).as("only the push wrote").hasSize(1);
    }

    /** The sales agent fetched, one text edited and pushed: its backup is the agent as it was. */
    private void pushOneSalesEdit() {
        fetchAndEditSales();
        assertThat(run("push", "--target", "sales", "--yes").exitCode()).isZero();
    }

    @Test
    void restoreOfAPlugitBackupResolvesItsPlaceholdersAndPatches() throws IOException {
        ObjectNode original = server.agent("agt_123").deepCopy();
        pushOneSalesEdit();

        var r = run("restore", "--target", "sales", backups("sales").get(0).toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        var patches = server.requests("PATCH");
        assertThat(patches).hasSize(2);
        assertThat(CanonicalForm.canonicalize(Provider.PLUGIT, FakeVendorServer.body(patches.get(1))))
                .isEqualTo(CanonicalForm.canonicalize(Provider.PLUGIT, original));
    }

    @Test
    void restoringTheBackupOfARotatedSecretSaysItCannotPutThatValueBack() throws IOException {
        pushOneSalesEdit();
        Path beforePush = backups("sales").get(0);
        // a colleague rotates the header in Plugit; restoring the push's backup backs that remote up first
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) category.at("/webhook/headers")).put("X-Tenant", "tenant-rotated-9999");
            }
        }
        var first = run("restore", "--target", "sales", beforePush.toString(), "--yes");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.err()).as("the variable holds the value the backup was taken with").doesNotContain("cannot put those back");
        Path ofTheRotation = backups("sales").stream().filter(p -> !p.equals(beforePush)).findFirst().orElseThrow();

        var undo = run("restore", "--target", "sales", ofTheRotation.toString(), "--yes");
        assertThat(undo.err()).contains("when this backup was taken the remote held other values for")
                .contains("X-Tenant").contains("cannot put those back").doesNotContain("tenant-rotated-9999");
        assertThat(java.nio.file.Files.list(beforePush.getParent()).map(p -> p.getFileName().toString()))
                .as("the backups folder holds backups alone").allMatch(n -> n.endsWith(".yaml"));
    }

    @Test
    void aPlugitBackupFromBeforeTheAgentGainedAFieldIsRestoredAndSaysTheFieldStays() throws IOException {
        pushOneSalesEdit();
        Path backup = backups("sales").get(0);
        server.agent("agt_123").put("top_p", 0.9); // set in Plugit after the backup
        Files.writeString(backup, Files.readString(backup).replaceFirst("(?m)^temperature: 0\\.2\n", ""));

        var r = run("restore", "--target", "sales", backup.toString(), "--yes");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("warning: 'temperature', 'top_p' are on the agent but not in the backup");
        assertThat(server.requests("PATCH")).hasSize(2);
    }

    @Test
    void restoreNeedsConfirmationToo() throws IOException {
        run("fetch");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");
        run("push", "--yes");
        var r = run("restore", backups("support").get(0).toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--yes");
        assertThat(server.requests("PUT")).hasSize(1);
    }

    @Test
    void aBackupOfAnotherProviderIsRefused() throws IOException {
        fetchAndEditSales();
        run("push", "--target", "sales", "--yes");
        var r = run("restore", "--target", "support", backups("sales").get(0).toString(), "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a plugit configuration, but target 'support' is quickchat");
    }

    @Test
    void aMissingBackupSaysWhereBackupsAre() {
        var r = run("restore", "nope.yaml", "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("nope.yaml: no such file").contains("backups/support").doesNotContain("an older handoff");

        // an older handoff kept backups by the target's name alone: the hint names that folder too
        Path legacy = home.resolve(".local/state/handoff/backups/support");
        try {
            Files.createDirectories(legacy);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var again = run("restore", "nope.yaml", "--yes");
        assertThat(again.err()).contains("and those an older handoff made in ").contains("backups/support\n");
    }
}
