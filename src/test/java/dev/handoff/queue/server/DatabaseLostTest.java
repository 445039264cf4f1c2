package dev.handoff.queue.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite file deleted or replaced under the running inbox: SQLite keeps writing to the open
 * inode, which a restart never sees again, so nothing may be acknowledged from then on.
 */
class DatabaseLostTest {

    @TempDir
    Path dir;

    @Test
    void aDeletedDatabaseFileTurnsWebhooksAndHealthInto503AndIsLoggedOnce() throws Exception {
        try (InboxFixture inbox = new InboxFixture(dir)) {
            assertThat(inbox.deliver(InboxFixture.event("before", "2025-09-19T12:34:56Z")).status()).isEqualTo(201);
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("inbox.db" + suffix));
            }
            assertThat(inbox.deliver(InboxFixture.event("after1", "2025-09-19T12:34:57Z")).status())
                    .as("an event written into the deleted file is not stored").isEqualTo(503);
            assertThat(inbox.get("/healthz").status()).isEqualTo(503);
            assertThat(inbox.deliver(InboxFixture.event("after2", "2025-09-19T12:34:58Z")).status()).isEqualTo(503);
            String log = inbox.log.toString();
            assertThat(log.lines().filter(l -> l.contains("\"database_lost\""))).hasSize(1).first().asString()
                    .contains(dir.resolve("inbox.db").toString()).contains("is gone").contains("restarted");
        }
    }

    @Test
    void aDatabaseFileReplacedByAnotherIsNotWrittenThrough() throws Exception {
        Path other = Files.writeString(dir.resolve("other.db"), "");
        try (InboxFixture inbox = new InboxFixture(dir)) {
            assertThat(inbox.deliver(InboxFixture.event("before", "2025-09-19T12:34:56Z")).status()).isEqualTo(201);
            Files.move(other, dir.resolve("inbox.db"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(inbox.deliver(InboxFixture.event("after", "2025-09-19T12:34:57Z")).status()).isEqualTo(503);
            assertThat(inbox.get("/healthz").status()).isEqualTo(503);
            assertThat(inbox.log.toString()).contains("was replaced by another file");
        }
    }

    @Test
    void aDeletedWriteAheadLogAloneIsALostDatabaseToo() throws Exception {
        try (InboxFixture inbox = new InboxFixture(dir)) {
            assertThat(inbox.deliver(InboxFixture.event("before", "2025-09-19T12:34:56Z")).status()).isEqualTo(201);
            assertThat(dir.resolve("inbox.db-wal")).exists();
            Files.delete(dir.resolve("inbox.db-wal"));

            assertThat(inbox.deliver(InboxFixture.event("after", "2025-09-19T12:34:57Z")).status())
                    .as("commits into a deleted log are lost at the next kill").isEqualTo(503);
            assertThat(inbox.get("/healthz").status()).isEqualTo(503);
            assertThat(inbox.log.toString()).contains("lost its write-ahead log inbox.db-wal");
        }
    }
}
