package dev.handoff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.testing.SecretScan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A colleague rotates a webhook secret on the remote after the file was fetched. The remote
 * version leaves secrets out, so push must learn it from this machine's keyed fingerprints: exit
 * 5 naming the secret's path (never a value), also with a reviewed plan; a variable that already
 * holds the new value loses nothing; no fingerprints (fetched elsewhere) is said in one line.
 */
class SecretRotationTest extends RemoteCliFixture {

    private static final String ROTATED = "tenant-rotated-by-bob-7781";
    private static final String TENANT_PATH = "categories[title=human_handoff].webhook.headers.X-Tenant";

    private void colleagueRotatesTheTenant() {
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) category.get("webhook").get("headers")).put("X-Tenant", ROTATED);
            }
        }
    }

    private String tenantOnTheRemote() {
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                return category.get("webhook").get("headers").get("X-Tenant").asText();
            }
        }
        throw new AssertionError("no human_handoff category");
    }

    private Path state() {
        return home.resolve(".local/state/handoff");
    }

    @Test
    void aSecretRotatedOnTheRemoteIsAConflictNamingItsPath() {
        run("fetch", "--target", "sales");
        colleagueRotatesTheTenant();
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");

        var diff = run("diff", "--target", "sales");
        var push = run("push", "--target", "sales", "--yes");

        assertThat(diff.out()).contains(TENANT_PATH + ": secret changed on the remote since the version the file was made from; "
                + "a push would put back the value of PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(server.methods()).doesNotContain("PATCH");
        assertThat(tenantOnTheRemote()).isEqualTo(ROTATED);
        assertThat(push.err()).contains("the remote's secret " + TENANT_PATH + " changed since guidelines/sales.yaml was made")
                .contains("set PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT to its new value");
        SecretScan.assertAbsent(List.of(ROTATED), tmp, diff.out(), diff.err(), push.out(), push.err());
        // without the variable the value cannot be compared, but the fingerprints still tell that it moved
        var unset = run(new CliHarness(home).workDir(project).env("PLUGIT_TOKEN", PLUGIT_TOKEN), "diff", "--target", "sales");
        assertThat(unset.out()).contains(TENANT_PATH + ": secret not compared (set PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT to compare it);"
                + " it changed on the remote since the version the file was made from");
    }

    @Test
    void withAnOrdinaryRemoteEditTooTheConflictNamesTheRotatedSecretAndFetchWarnsAboutTheStaleVariable() {
        run("fetch", "--target", "sales");
        colleagueRotatesTheTenant();
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) category).put("criteria", category.path("criteria").asText() + " Also on weekends.");
            }
        }
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");

        var push = run("push", "--target", "sales", "--yes");
        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.out()).contains("Secrets changed on the remote too: " + TENANT_PATH
                + " (keep it: set PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT to its new value before pushing again)");

        // the advice's next step: after fetch --force nothing could tell the stale variable from a rotation meant here
        var fetch = run("fetch", "--target", "sales", "--force");
        assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
        assertThat(fetch.err()).contains("warning: PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT holds another value than the remote's "
                + TENANT_PATH + " (rotated on the remote?)");
        var fresh = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", ROTATED), "fetch", "--target", "sales", "--force");
        assertThat(fresh.err()).doesNotContain("holds another value");
        SecretScan.assertAbsent(List.of(ROTATED), tmp, push.out(), push.err(), fetch.out(), fetch.err());
    }

    @Test
    void aReviewedPlanDoesNotRevertARotationEither() {
        fetchAndEditSales();
        assertThat(run("diff", "--target", "sales", "--out", "plan.json").exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        colleagueRotatesTheTenant();

        var push = run("push", "--target", "sales", "--plan", "plan.json", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.err()).contains(TENANT_PATH).contains("changed since the plan was made");
        assertThat(server.methods()).doesNotContain("PATCH");
        assertThat(tenantOnTheRemote()).isEqualTo(ROTATED);
    }

    @Test
    void aVariableHoldingTheNewValueLosesNothingAndForcePutsTheOldOneBack() {
        run("fetch", "--target", "sales");
        colleagueRotatesTheTenant();
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");

        var taken = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", ROTATED), "push", "--target", "sales", "--yes");

        assertThat(taken.exitCode()).as(taken.toString()).isZero();
        assertThat(taken.out()).contains("X-Tenant: secret unchanged");
        assertThat(tenantOnTheRemote()).isEqualTo(ROTATED);

        colleagueRotatesTheTenantTo("tenant-rotated-again-0002");
        edit(file("sales.yaml"), "custom branding or embroidery", "custom branding, embroidery or print");
        var forced = run(cli().env("PLUGIT_SALES_HUMAN_HANDOFF_X_TENANT", ROTATED), "push", "--target", "sales", "--yes", "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.err()).contains(TENANT_PATH + " changed on the remote since guidelines/sales.yaml was made; "
                + "putting the local value back (--force)");
        assertThat(tenantOnTheRemote()).isEqualTo(ROTATED);
        SecretScan.assertAbsent(List.of(ROTATED, "tenant-rotated-again-0002"), tmp, taken.out(), taken.err(), forced.out(), forced.err());
    }

    private void colleagueRotatesTheTenantTo(String value) {
        for (var category : server.agent("agt_123").get("categories")) {
            if (category.path("title").asText().equals("human_handoff")) {
                ((ObjectNode) category.get("webhook").get("headers")).put("X-Tenant", value);
            }
        }
    }

    @Test
    void withoutFingerprintsPushSaysSoInOneLineAndProceeds() throws IOException {
        run("fetch", "--target", "sales");
        deleteTree(state()); // as if the file had been fetched on another machine
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");

        var push = run("push", "--target", "sales", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.err().lines().filter(l -> l.contains("no fingerprints of the remote's secrets")).count()).isEqualTo(1);
        assertThat(server.methods()).contains("PATCH");
    }

    @Test
    void damagedFingerprintsOrAReplacedKeyAreSaidAsSuchNotAsFetchedElsewhere() throws Exception {
        fetchAndEditSales();
        List<Path> prints;
        try (Stream<Path> s = Files.list(stateDir("versions", "sales"))) {
            prints = s.filter(p -> p.toString().endsWith(".secrets.json")).toList();
        }
        Files.writeString(prints.get(0), "{\"key_id\": \"tru");

        var damaged = run("push", "--target", "sales", "--dry-run");
        assertThat(damaged.err()).contains(".secrets.json is damaged, so a secret rotated on the remote cannot be told apart")
                .doesNotContain("fetched elsewhere");

        run("fetch", "--target", "sales", "--force");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        Path key = state().resolve("secret-fingerprint.key");
        Files.write(key, new byte[]{1, 2});
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        var replaced = run("push", "--target", "sales", "--dry-run");
        assertThat(replaced.err()).contains("was made with another key than").contains("(replaced or deleted?)");
        assertThat(Files.size(key)).as("a damaged key is replaced by a fresh one").isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void fingerprintsAndTheirKeyAreOwnerOnlyAndHoldNoSecret() throws Exception {
        run("fetch", "--target", "sales");

        Path key = state().resolve("secret-fingerprint.key");
        List<Path> prints;
        try (Stream<Path> s = Files.list(stateDir("versions", "sales"))) {
            prints = s.filter(p -> p.toString().endsWith(".secrets.json")).toList();
        }
        assertThat(prints).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prints.get(0)))).isEqualTo("rw-------");
        // paths are keyed too: a header's name or a category's title may itself be a secret
        assertThat(Files.readString(prints.get(0))).doesNotContain(TENANT_PATH).doesNotContain("X-Tenant")
                .doesNotContain(TENANT).doesNotContain(HANDOFF_KEY);
        // an unkeyed hash of the value would let anyone who reads the file test guesses: the fingerprint is not one
        String plain = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(("\"" + TENANT + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(Files.readString(prints.get(0))).doesNotContain(plain);
    }

    @Test
    void aRotationWhileThePromptIsOpenIsNotOverwritten() {
        fetchAndEditSales();
        int[] gets = {0};
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("GET") && ++gets[0] == 2) {
                colleagueRotatesTheTenant(); // after the GET that made the diff, before the one that guards the write
            }
        });

        var push = run("push", "--target", "sales", "--yes");

        assertThat(push.exitCode()).as(push.toString()).isEqualTo(ExitCode.CONFLICT);
        assertThat(push.out()).contains("~ " + TENANT_PATH + ": secret changed on the remote");
        assertThat(server.methods()).doesNotContain("PATCH");
        assertThat(tenantOnTheRemote()).isEqualTo(ROTATED);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
