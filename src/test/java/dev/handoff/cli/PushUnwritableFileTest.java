package dev.handoff.cli;

import dev.handoff.config.Provider;
import dev.handoff.sync.SyncTestAccess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push records the new remote_version in the file after the write, so a file that cannot be
 * replaced is refused before anything is sent, naming the user's file (never the temporary file
 * beside it). When it still fails after the write, push says the push was applied and prints the
 * remote_version to set. The failure is real here, also for root, who may write any file: the
 * file is reached through a link to a name so long that no temporary name beside it can exist.
 */
class PushUnwritableFileTest extends RemoteCliFixture {

    private static final String OLD_REFUND = "has not arrived after 14 days";
    private static final String NEW_REFUND = "has not arrived after 10 working days";

    /** Turns guidelines/support.yaml into a link to the same content under a 245-character name. */
    private void makeUnreplaceable() {
        try {
            Path support = file("support.yaml");
            Path dir = Files.createDirectories(project.resolve("long"));
            Path target = dir.resolve("s".repeat(240) + ".yaml");
            Files.writeString(target, read(support));
            Files.delete(support);
            Files.createSymbolicLink(support, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFileThatCannotBeReplacedIsRefusedBeforeTheWrite() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        makeUnreplaceable();

        var r = run("push", "--yes");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("handoff: guidelines/support.yaml: cannot create a temporary file beside it in ")
                .contains("(file name too long); push records the new remote_version in it after the write, so nothing was sent")
                .doesNotContain(".tmp");
        assertThat(server.requests("PUT")).isEmpty();
        assertThat(server.quickchat().toString()).contains(OLD_REFUND);
    }

    /** chattr on the file; false when it cannot be set here (not root, or a file system without the flag). */
    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void anImmutableFileIsRefusedBeforeTheWriteAlsoForRoot() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        org.junit.jupiter.api.Assumptions.assumeTrue(chattr("+i", file("support.yaml")),
                "'chattr +i' needs root (CAP_LINUX_IMMUTABLE) and a file system with the flag; the mode-bit cases are tested as "
                        + "a normal user");
        try {
            var r = run("push", "--yes");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("handoff: guidelines/support.yaml: cannot be replaced (operation not permitted; an immutable"
                            + " or append-only file?")
                    .contains("push records the new remote_version in it after the write, so nothing was sent")
                    .doesNotContain(".tmp");
            assertThat(server.requests("PUT")).isEmpty();
            assertThat(server.quickchat().toString()).contains(OLD_REFUND);
        } finally {
            chattr("-i", file("support.yaml"));
        }
    }

    @Test
    void fetchNamesTheFileNotItsTemporaryFile() {
        run("fetch");
        makeUnreplaceable();
        // a file that already holds the remote's bytes is not written at all
        server.quickchat().with("settings").withArray("keywords").add("a keyword added on the remote");

        var r = run("fetch", "--force");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("handoff: guidelines/support.yaml: cannot create a temporary file beside it in ")
                .contains("(file name too long); nothing was written (the remote was only read)")
                .doesNotContain(".tmp");
    }

    @Test
    void aFileThatCannotBeWrittenAfterTheWriteIsSaidToHoldAnAppliedPushWithTheVersionToSet() {
        run("fetch");
        edit(file("support.yaml"), OLD_REFUND, NEW_REFUND);
        String pushed = read(file("support.yaml"));
        // the check before the write passes; the file becomes unreplaceable while the PUT is under way
        server.beforeAnswer(req -> {
            if (req.getMethod().equals("PUT")) {
                makeUnreplaceable();
            }
        });

        var r = run("push", "--yes");

        assertThat(server.quickchat().toString()).contains(NEW_REFUND);
        String version = SyncTestAccess.remoteVersion(Provider.QUICKCHAT, server.quickchat());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).contains("pushed 1 change to 'support'");
        assertThat(r.err()).contains("handoff: the push was applied (PUT " + server.url() + "/v1/api/human_handoff/configuration), "
                        + "but guidelines/support.yaml could not be updated: cannot create a temporary file beside it")
                .contains("set 'remote_version: " + version + "' in its x-handoff header by hand, or run 'handoff fetch' once the file "
                        + "can be written")
                .doesNotContain(".tmp");
        assertThat(read(file("support.yaml"))).isEqualTo(pushed);

        // the advice holds: once the file can be written, fetch records the version and nothing is left to push
        server.beforeAnswer(req -> { });
        try {
            Files.delete(file("support.yaml")); // the link
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(file("support.yaml"), pushed);
        var fetch = run("fetch");
        assertThat(fetch.exitCode()).as(fetch.toString()).isZero();
        assertThat(read(file("support.yaml"))).contains("remote_version: " + version);
        assertThat(run("push", "--yes").out()).contains("nothing to push");
    }
}
