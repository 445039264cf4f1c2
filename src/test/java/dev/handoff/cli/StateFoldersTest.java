package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.config.yaml.YamlFiles;
import dev.handoff.remote.FakeVendorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state directory keeps each target's backups, version copies and secret fingerprints in a
 * folder of its own remote: two projects that both name a target 'sales' do not share
 * fingerprints (a deliberate key rotation is no false conflict), and target names that read alike
 * once made safe for a file name ({@code eu/support}, {@code eu_support}) do not share backups.
 * State an older handoff kept under the target's name alone is still read.
 */
class StateFoldersTest extends RemoteCliFixture {

    private static final String STAGING_TENANT = "tenant-staging-0042";
    private static final String NEW_TENANT = "tenant-northwind-rotated-9911";
    private static final String TENANT_PATH = "categories[title=human_handoff].webhook.headers.X-Tenant";

    private FakeVendorServer second;

    @AfterEach
    void closeSecond() {
        if (second != null) {
            second.close();
        }
    }

    private static ObjectNode withTenant(ObjectNode agent, String tenant) {
        for (var category : agent.get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) category.get("webhook").get("headers")).put("X-Tenant", tenant);
            }
        }
        return agent;
    }

    private static String tenantOf(ObjectNode agent) {
        for (var category : agent.get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                return category.get("webhook").get("headers").get("X-Tenant").asText();
            }
        }
        throw new AssertionError("no human_handoff category");
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void twoProjectsNamingATargetAlikeKeepTheirOwnFingerprintsSoADeliberateRotationIsNoConflict() throws IOException {
        // staging: the same agent, the same content, another tenant secret
        second = new FakeVendorServer(QC_TOKEN, PLUGIT_TOKEN).agent(withTenant(resource("remote/plugit-agent.json"), STAGING_TENANT));
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Files.writeString(staging.resolve("handoff.yaml"), """
                targets:
                  sales:
                    provider: plugit
                    url: %s
                    agent_id: agt_123
                    file: guidelines/sales.yaml
                    token_env: PLUGIT_TOKEN
                """.formatted(second.url()));
        assertThat(run("fetch", "--target", "sales").exitCode()).isZero();
        var stagingFetch = run(cli().workDir(staging).env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", STAGING_TENANT), "fetch");
        assertThat(stagingFetch.exitCode()).as(stagingFetch.toString()).isZero();
        assertThat(YamlFiles.readTree(staging.resolve("guidelines/sales.yaml")).get("x-handoff").get("remote_version"))
                .as("secrets are left out of the version: both files name one version")
                .isEqualTo(YamlFiles.readTree(file("sales.yaml")).get("x-handoff").get("remote_version"));

        // prod rotates its tenant on purpose: nothing changed on prod's remote since its fetch
        var push = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", NEW_TENANT), "push", "--target", "sales", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.err()).doesNotContain("changed since").doesNotContain("no fingerprints");
        assertThat(tenantOf(server.agent("agt_123"))).isEqualTo(NEW_TENANT);
        assertThat(tenantOf(second.agent("agt_123"))).isEqualTo(STAGING_TENANT);
        assertThat(list(home.resolve(".local/state/handoff/versions"))).as("one folder per remote").hasSize(2)
                .allSatisfy(dir -> assertThat(dir.getFileName().toString()).matches("sales-[0-9a-f]{12}"));
    }

    @Test
    void targetNamesThatReadAlikeKeepTheirOwnBackups() throws IOException {
        ObjectNode doc = resource("remote/quickchat-configuration.json");
        ((ArrayNode) doc.with("settings").withArray("emails")).add("eu-two@northwind-outfitters.example");
        second = new FakeVendorServer(QC_TOKEN).quickchat(doc);
        Files.writeString(project.resolve("handoff.yaml"), """
                targets:
                  eu/support:
                    provider: quickchat
                    url: %s
                    file: guidelines/eu.yaml
                    token_env: QC_TOKEN
                  eu_support:
                    provider: quickchat
                    url: %s
                    file: guidelines/eu2.yaml
                    token_env: QC_TOKEN
                """.formatted(server.url(), second.url()));
        for (String[] t : List.of(new String[]{"eu/support", "eu.yaml"}, new String[]{"eu_support", "eu2.yaml"})) {
            assertThat(run("fetch", "--target", t[0]).exitCode()).isZero();
            edit(file(t[1]), "has not arrived after 14 days", "has not arrived after 19 days");
            var push = run("push", "--target", t[0], "--yes");
            assertThat(push.exitCode()).as(push.toString()).isZero();
        }

        List<Path> folders = list(home.resolve(".local/state/handoff/backups"));
        assertThat(folders).hasSize(2).allSatisfy(dir -> assertThat(dir.getFileName().toString()).matches("eu_support-[0-9a-f]{12}"));
        List<String> origins = new java.util.ArrayList<>();
        for (Path dir : folders) {
            assertThat(list(dir)).hasSize(1);
            origins.add(YamlFiles.readTree(list(dir).get(0)).get("x-handoff").get("backup_of").get("target").asText());
        }
        assertThat(origins).containsExactlyInAnyOrder("eu/support", "eu_support");
    }

    @Test
    void fingerprintsAnOlderHandoffKeptUnderTheTargetsNameAreStillRead() throws IOException {
        run("fetch", "--target", "sales");
        // the layout of older versions: versions/<target>/
        Path versions = home.resolve(".local/state/handoff/versions");
        Files.move(stateDir("versions", "sales"), versions.resolve("sales"));
        withTenant(server.agent("agt_123"), "tenant-rotated-by-bob-7781");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");

        var push = run("push", "--target", "sales", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains("the remote's secret " + TENANT_PATH + " changed since guidelines/sales.yaml was made");
        assertThat(server.methods()).doesNotContain("PATCH");
    }

    @Test
    void aVersionCopyAnOlderHandoffKeptIsStillUsedForTheConflictReport() throws IOException {
        run("fetch");
        Path versions = home.resolve(".local/state/handoff/versions");
        Files.move(stateDir("versions", "support"), versions.resolve("support"));
        ((ArrayNode) server.quickchat().with("settings").withArray("emails")).add("night-shift@northwind-outfitters.example");
        edit(file("support.yaml"), "has not arrived after 14 days", "has not arrived after 10 working days");

        var push = run("--no-color", "push", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.out()).contains("+ settings.emails: \"night-shift@northwind-outfitters.example\"")
                .doesNotContain("this machine has no copy of that version");
    }
}
