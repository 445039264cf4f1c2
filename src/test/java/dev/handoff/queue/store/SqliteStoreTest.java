package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.HandoffEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One inbox process per SQLite file, read-only readers beside it, and a writer that waits for a busy database. */
class SqliteStoreTest {

    @TempDir
    Path dir;

    private static NewHandoff handoff(String key) {
        HandoffEvent e = new HandoffEvent("agt", null, "Jane", "+15551234567", "s", "r", Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWalOrShmFileThisProcessCannotWriteIsNamedWithItsOwner() throws Exception {
        // left by another account's 'inbox stats' while the inbox was stopped; SQLite then only says
        // "cannot commit - no transaction is active"
        Path db = dir.resolve("inbox.db");
        Files.writeString(db, "");
        assertThat(SqliteStore.unwritableCompanion(db, f -> false)).isNull();
        Path shm = dir.resolve("inbox.db-shm");
        Files.writeString(shm, "");
        String owner = Files.getOwner(shm).getName();
        assertThat(SqliteStore.unwritableCompanion(db, f -> !f.equals(shm)))
                .isEqualTo("inbox.db-shm beside it belongs to " + owner + " and this process cannot write it");
        assertThat(SqliteStore.unwritableCompanion(db, f -> true)).isNull();
    }

    /** The queue holds customers' names and phone numbers: only its owner reads it, whatever the umask (022 here). */
    @Test
    void aNewDatabaseItsFolderAndItsCompanionsAreTheOwnersAlone() throws Exception {
        Path db = dir.resolve("state/handoff/inbox.db");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            store.healthy();
            for (Path p : new Path[] {db, db.resolveSibling("inbox.db-wal"), db.resolveSibling("inbox.db.lock")}) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .as(p.toString()).isEqualTo("rw-------");
            }
            for (Path folder : new Path[] {dir.resolve("state"), dir.resolve("state/handoff")}) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                        .as(folder.toString()).isEqualTo("rwx------");
            }
        }
    }

    @Test
    void aSecondStoreOnTheSameFileIsRefusedUntilTheFirstIsClosed() {
        Path db = dir.resolve("inbox.db");
        try (InboxStore first = SqliteStore.open(db, Clock.systemUTC())) {
            assertThatThrownBy(() -> SqliteStore.open(db, Clock.systemUTC()))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                        assertThat(e.getMessage()).isEqualTo(db + ": another 'handoff inbox serve' is using this database");
                        assertThat(e.hint()).contains("PostgreSQL").contains("docs/inbox-postgres.md");
                    });
            assertThat(first.healthy()).as("the refused second open leaves the first alone").isTrue();
        }
        try (InboxStore again = SqliteStore.open(db, Clock.systemUTC())) {
            assertThat(again.healthy()).as("the lock is released on close").isTrue();
        }
    }

    @Test
    void aSymbolicLinkToTheDatabaseMeetsTheSameLock() throws Exception {
        Path db = dir.resolve("inbox.db");
        Path link = Files.createSymbolicLink(dir.resolve("link.db"), db.getFileName());
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("folder"), dir);
        try (InboxStore first = SqliteStore.open(db, Clock.systemUTC())) {
            assertThatThrownBy(() -> SqliteStore.open(link, Clock.systemUTC())).isInstanceOf(HandoffException.class)
                    .hasMessageContaining("another 'handoff inbox serve' is using this database");
            assertThatThrownBy(() -> SqliteStore.open(linkedFolder.resolve("inbox.db"), Clock.systemUTC()))
                    .isInstanceOf(HandoffException.class);
        }
    }

    @Test
    void aLinkToADatabaseNotCreatedYetMeetsTheLockOfItsTarget() throws Exception {
        Path target = Files.createDirectories(dir.resolve("data")).resolve("inbox.db");
        Path dangling = Files.createSymbolicLink(dir.resolve("inbox.db"), Path.of("data/inbox.db"));
        try (InboxStore first = SqliteStore.open(dangling, Clock.systemUTC())) {
            assertThatThrownBy(() -> SqliteStore.open(target, Clock.systemUTC())).isInstanceOf(HandoffException.class)
                    .hasMessageContaining("another 'handoff inbox serve' is using this database");
        }
    }

    @Test
    void aHardLinkToTheDatabaseMeetsTheLockOfItsIdentity() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore first = SqliteStore.open(db, Clock.systemUTC())) {
            Path hardLink = Files.createLink(dir.resolve("other-name.db"), db);
            assertThatThrownBy(() -> SqliteStore.open(hardLink, Clock.systemUTC()))
                    .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.getMessage()).isEqualTo(hardLink
                            + ": another 'handoff inbox serve' is using this database file under another name (a hard link),"
                            + " or after its lock file other-name.db.lock was deleted"));
            assertThat(ProcessLock.fileFor(hardLink)).as("the refused open let go of the lock file it made, and removed it")
                    .doesNotExist();
            assertThat(first.healthy()).isTrue();
        }
        try (InboxStore again = SqliteStore.open(dir.resolve("other-name.db"), Clock.systemUTC())) {
            assertThat(again.healthy()).as("both locks are released on close").isTrue();
        }
    }

    @Test
    void aDeletedLockFileDoesNotLetASecondStoreIn() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore first = SqliteStore.open(db, Clock.systemUTC())) {
            Files.delete(ProcessLock.fileFor(db));
            assertThatThrownBy(() -> SqliteStore.open(db, Clock.systemUTC())).isInstanceOf(HandoffException.class)
                    .hasMessageContaining("after its lock file inbox.db.lock was deleted");
        }
        assertThat(ProcessLock.identityFileFor(db)).as("Linux gives a device and inode").isPresent();
    }

    @Test
    void theIdentityLockLivesInAFolderOnlyThisUserCanWriteAndNeverFollowsALinkPlantedThere() throws Exception {
        Path folder = ProcessLock.privateFolder().orElseThrow();
        // one folder whatever the environment ($XDG_RUNTIME_DIR differs between a shell and a service)
        assertThat(folder).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "handoff-" + System.getProperty("user.name")));
        var permissions = Files.getPosixFilePermissions(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        assertThat(permissions).doesNotContain(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);

        Path db = dir.resolve("inbox.db");
        SqliteStore.open(db, Clock.systemUTC()).close();
        Path lockFile = ProcessLock.identityFileFor(db).orElseThrow();
        Path precious = Files.writeString(dir.resolve("precious"), "secret");
        Files.setPosixFilePermissions(precious, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.deleteIfExists(lockFile);
        Files.createSymbolicLink(lockFile, precious);
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            assertThat(store.healthy()).as("the lock beside the database still holds").isTrue();
        } finally {
            Files.deleteIfExists(lockFile);
        }
        assertThat(Files.getPosixFilePermissions(precious)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(precious)).isEqualTo("secret");
    }

    @Test
    void aLockFileLeftBehindByAKilledInboxDoesNotBlockTheNextStart() throws Exception {
        Path db = dir.resolve("inbox.db");
        // what a killed process leaves: the file, but no lock (the OS dropped it with the process)
        Files.writeString(ProcessLock.fileFor(db), "left over");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            assertThat(store.healthy()).isTrue();
        }
    }

    @Test
    void theWriterWaitsForAnotherConnectionsWriteLockInsteadOfFailing() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            store.ingest(handoff("key:first")).get(10, TimeUnit.SECONDS);
            // another tool writing (sqlite3, a backup restore): it holds the write lock for 700 ms
            Thread holder = holdWriteLock(db, 700);
            // a lookup (read) then an insert (write): the upgrade is what SQLITE_BUSY used to refuse at once
            Ingested in = store.ingest(handoff("key:second")).get(10, TimeUnit.SECONDS);
            holder.join();
            assertThat(in.created()).isTrue();
            assertThat(store.list(java.util.Set.of(), 10, null).items()).hasSize(2);
        }
    }

    @Test
    void aWriteLockHeldPastTheBusyTimeoutFailsThatWriteOnlyAndTheNextOneIsStored() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            store.ingest(handoff("key:first")).get(10, TimeUnit.SECONDS);
            // a sqlite3 shell left in a transaction a little longer than the writer waits
            Thread holder = holdWriteLock(db, SqliteStore.BUSY_TIMEOUT_MILLIS + 3_000);
            assertThatThrownBy(() -> store.ingest(handoff("key:during")).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class).hasMessageContaining("could not start a write");
            assertThat(store.healthy()).as("writes fail while the lock is held: /healthz must say so").isFalse();
            holder.join();
            assertThat(store.healthy()).as("an empty write finds the database free again").isTrue();
            Ingested after = store.ingest(handoff("key:after")).get(10, TimeUnit.SECONDS);
            assertThat(after.created()).isTrue();
            assertThat(store.list(java.util.Set.of(), 10, null).items()).hasSize(2);
        }
    }

    @Test
    void theHealthCheckFollowsWhatTheNextWriteWouldMeetNotTheLastWrite() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
            store.ingest(handoff("key:first")).get(10, TimeUnit.SECONDS);
            assertThat(store.healthy()).isTrue();
            // reads work beside the lock (WAL), and no write has failed yet: only a write can tell
            Thread holder = holdWriteLock(db, SqliteStore.BUSY_TIMEOUT_MILLIS + 3_000);
            assertThat(store.healthy()).as("the next webhook would wait, then get 503").isFalse();
            holder.join();
            // the probe that failed under the lock may still be finishing on a loaded machine: the next one must pass
            assertThat(healthyWithin(store, 15)).isTrue();
        }
    }

    private static boolean healthyWithin(InboxStore store, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (store.healthy()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void readOnlyOpenReadsBesideTheServingStoreAndRefusesFilesWithoutTheInboxSchema() throws Exception {
        Path db = dir.resolve("inbox.db");
        try (InboxStore serving = SqliteStore.open(db, Clock.systemUTC())) {
            serving.ingest(handoff("key:a")).get(10, TimeUnit.SECONDS);
            try (InboxStore reader = SqliteStore.openReadOnly(db, Clock.systemUTC())) {
                assertThat(reader.changesAfter(0, 10)).hasSize(1);
                assertThat(reader.databaseId()).isEqualTo(serving.databaseId()).isNotBlank();
            }
            assertThat(serving.ingest(handoff("key:b")).get(10, TimeUnit.SECONDS).created()).isTrue();
        }

        Path empty = Files.createFile(dir.resolve("empty.db"));
        Path other = dir.resolve("app.db");
        try (Connection c = SqliteStore.connect(other); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INTEGER, name TEXT)");
        }
        byte[] otherBefore = Files.readAllBytes(other);
        for (Path file : List.of(empty, other)) {
            assertThatThrownBy(() -> SqliteStore.openReadOnly(file, Clock.systemUTC()))
                    .isInstanceOfSatisfying(HandoffException.class, e -> {
                        assertThat(e.kind()).isEqualTo(HandoffException.Kind.USAGE);
                        assertThat(e.getMessage()).startsWith(file + ": not an inbox database");
                        assertThat(e.hint()).contains("--db");
                    });
        }
        assertThat(Files.size(empty)).as("nothing written into an empty file").isZero();
        assertThat(Files.readAllBytes(other)).as("another application's database is left as it was").isEqualTo(otherBefore);
        assertThat(ProcessLock.fileFor(other)).as("a reader takes no lock").doesNotExist();
    }

    @Test
    void readOnlyOpenNamesTheSchemaVersionItCannotRead() throws Exception {
        Path older = dir.resolve("older.db");
        Path newer = dir.resolve("newer.db");
        for (Path db : List.of(older, newer)) {
            try (InboxStore store = SqliteStore.open(db, Clock.systemUTC())) {
                assertThat(store.healthy()).isTrue();
            }
        }
        try (Connection c = SqliteStore.connect(older); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE outbox");
            s.executeUpdate("PRAGMA user_version = 3");
        }
        try (Connection c = SqliteStore.connect(newer); Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA user_version = 42");
        }
        assertThatThrownBy(() -> SqliteStore.openReadOnly(older, Clock.systemUTC()))
                .hasMessage(older + ": an inbox database from an older handoff (schema version 3)")
                .isInstanceOfSatisfying(HandoffException.class, e -> assertThat(e.hint()).contains("inbox serve --db"));
        assertThat(version(older)).as("not migrated by a reader").isEqualTo(3);
        assertThatThrownBy(() -> SqliteStore.openReadOnly(newer, Clock.systemUTC()))
                .hasMessageContaining("schema version 42 is newer than this handoff knows");
    }

    private static int version(Path db) throws Exception {
        try (Connection c = SqliteStore.connectReadOnly(db)) {
            return Migrations.userVersion(c);
        }
    }

    /** Another connection takes the write lock and holds it for {@code millis}; returns once it holds it. */
    private static Thread holdWriteLock(Path db, long millis) throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Connection c = SqliteStore.connect(db); Statement s = c.createStatement()) {
                s.executeUpdate("BEGIN IMMEDIATE");
                locked.countDown();
                Thread.sleep(millis);
                s.executeUpdate("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        return holder;
    }
}
