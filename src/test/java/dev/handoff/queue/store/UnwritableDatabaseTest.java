package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A database the inbox cannot write: an empty transaction still commits on a read-only file or a
 * full disk, so health and the start-up check must write something real.
 */
class UnwritableDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theHealthCheckFailsWhenAWriteWouldFailThoughAnEmptyCommitStillWorks() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            assertThat(store.healthy()).isTrue();
            Path wal = dir.resolve("inbox.db-wal");
            // the WAL made immutable: SQLite can still begin and commit nothing, but appends fail (as on a full disk)
            assumeTrue(chattr("+i", wal), "needs chattr (root on a file system with attributes)");
            try {
                assertThat(store.healthy()).as("every webhook would get 503 now").isFalse();
            } finally {
                chattr("-i", wal);
            }
        }
    }

    @Test
    void aDatabaseFileThisProcessCannotWriteIsRefusedAtStart() throws Exception {
        Path db = dir.resolve("inbox.db");
        SqliteStore.open(db, Clock.systemUTC()).close();
        boolean immutable = chattr("+i", db);
        if (!immutable) {
            Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
            assumeTrue(!Files.isWritable(db), "root ignores the mode and chattr is not there");
        }
        try {
            assertThatThrownBy(() -> SqliteStore.open(db, Clock.systemUTC()))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                        assertThat(e.getMessage()).isEqualTo(db + ": this process cannot write the database file; nothing was changed");
                        assertThat(e.hint()).contains("write access").contains("--db");
                    });
        } finally {
            if (immutable) {
                chattr("-i", db);
            }
        }
    }

    @Test
    void aDiskNearlyFullIsUnhealthyThoughTheHeartbeatStillCommits() throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk.toString()), "needs mount (root)");
        try (InboxStore store = SqliteStore.open(disk.resolve("inbox.db"), Clock.systemUTC())) {
            assertThat(store.healthy()).isTrue();
            // leave less than DatabaseFile.MIN_FREE_BYTES: the heartbeat rewrites log pages it has, a webhook needs new ones
            long usable = Files.getFileStore(disk).getUsableSpace();
            try (var out = Files.newOutputStream(disk.resolve("filler"))) {
                byte[] block = new byte[64 * 1024];
                for (long written = 0; written < usable - DatabaseFile.MIN_FREE_BYTES / 2; written += block.length) {
                    out.write(block);
                }
            }
            assertThat(store.healthy()).as("a load balancer must see what the next webhook meets").isFalse();
        } finally {
            run("umount", disk.toString());
        }
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
