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
        try (Stream<Path> s = Files.list(home.resolve(".local/state/handoff/backups").resolve(target))) {
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
    void restoreOfAPlugitBackupResolvesItsPlaceholdersAndPatches() throws IOException {
        ObjectNode original = server.agent("agt_123").deepCopy();
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        assertThat(run("push", "--target", "sales", "--yes").exitCode()).isZero();

        var r = run("restore", "--target", "sales", backups("sales").get(0).toString(), "--yes");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        var patches = server.requests("PATCH");
        assertThat(patches).hasSize(2);
        assertThat(CanonicalForm.canonicalize(Provider.PLUGIT, FakeVendorServer.body(patches.get(1))))
                .isEqualTo(CanonicalForm.canonicalize(Provider.PLUGIT, original));
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
        run("fetch", "--target", "sales");
        edit(file("sales.yaml"), "custom branding", "custom branding or embroidery");
        run("push", "--target", "sales", "--yes");
        var r = run("restore", "--target", "support", backups("sales").get(0).toString(), "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a plugit configuration, but target 'support' is quickchat");
    }

    @Test
    void aMissingBackupSaysWhereBackupsAre() {
        var r = run("restore", "nope.yaml", "--yes");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("nope.yaml: no such file").contains("backups/support");
    }
}
