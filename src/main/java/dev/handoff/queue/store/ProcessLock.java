package dev.handoff.queue.store;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second inbox process off a SQLite file. Two processes on one file would each keep their
 * own change feed (streams miss the other's changes) and fight over SQLite's write lock (503s), so
 * the second is refused at start. The lock is an OS lock on {@code <db>.lock} beside the database,
 * not on the database itself: closing any descriptor of the database file would drop SQLite's own
 * POSIX locks. The OS releases it when the process dies, so a lock file left by a killed inbox never
 * blocks a restart; the file itself is left in place (deleting it would race a starting process).
 *
 * <p>A lock file beside the database is missed by a second server given a hard link to it, or
 * started after someone deleted the lock file. Once the database exists, a second lock is taken on
 * its identity (device and inode, which every name of the file shares) in a folder private to this
 * user ({@link #privateFolder}): {@link #andIdentityOf}. Another user's inbox on the same file is
 * still met by the lock beside the database (unless it uses a hard link). Both are kept: the one
 * beside the database also holds between containers that share the database's volume but not
 * their temporary folder.
 */
final class ProcessLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    /** The lock file, when this lock made it (see {@link #discard}); else null. */
    private final Path created;
    private ProcessLock identity;

    private ProcessLock(FileChannel channel, FileLock lock, Path created) {
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * The identity lock file of an existing database, {@code <folder>/handoff-inbox-<device>-<inode>.lock},
     * or empty where the file system gives no inode or there is no private folder to put it in (then
     * the lock beside the database is all there is).
     */
    static java.util.Optional<Path> identityFileFor(Path db) {
        try {
            Object device = Files.getAttribute(db, "unix:dev");
            Object inode = Files.getAttribute(db, "unix:ino");
            return privateFolder().map(folder -> folder.resolve("handoff-inbox-" + device + "-" + inode + ".lock"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * A folder only this user can write to: {@code <tmp>/handoff-<user>} made 0700, the same for
     * every process of the user whatever its environment ($XDG_RUNTIME_DIR is set in a login shell
     * and not in a service or cron job, so two inboxes started from those would lock in different
     * folders). A world-writable folder would let another local user plant a link where the lock
     * file goes, or hold the lock and keep the inbox from starting. A folder that is a link, not
     * ours or open to others is not used.
     */
    static java.util.Optional<Path> privateFolder() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "handoff-" + System.getProperty("user.name", "user"));
        try {
            if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(folder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            var attributes = Files.readAttributes(folder, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Path probe = Files.createTempFile(folder, ".owner", ".tmp");
            boolean ours;
            try {
                ours = attributes.owner().equals(Files.getOwner(probe, java.nio.file.LinkOption.NOFOLLOW_LINKS));
            } finally {
                Files.deleteIfExists(probe);
            }
            boolean shared = attributes.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                    || attributes.permissions().contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
            return attributes.isDirectory() && ours && !shared ? java.util.Optional.of(folder) : java.util.Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Also locks the identity of {@code db}, which must exist now; refuses as {@link #acquire} does
     * when another process (or another store here) holds it under any name; the caller then closes
     * this lock. Once taken, a second call does nothing.
     */
    ProcessLock andIdentityOf(Path db) {
        java.util.Optional<Path> file = identity == null ? identityFileFor(db) : java.util.Optional.empty();
        if (file.isEmpty()) {
            return this;
        }
        FileChannel idChannel = null;
        FileLock idLock;
        try {
            // never through a link, even in a private folder
            idChannel = FileChannel.open(file.get(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            idLock = idChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            idLock = null;
        } catch (IOException e) {
            // a lock file we cannot use (a link planted there) does not stop the inbox: the lock beside the database holds
            if (idChannel != null) {
                closeQuietly(idChannel);
            }
            return this;
        }
        if (idLock == null) {
            closeQuietly(idChannel);
            throw HandoffException.usage(db + ": another 'handoff inbox serve' is using this database file under another name"
                            + " (a hard link), or after its lock file " + fileFor(db).getFileName() + " was deleted",
                    "stop it first; several inbox processes share one queue through PostgreSQL only (docs/inbox-postgres.md)");
        }
        identity = new ProcessLock(idChannel, idLock, null);
        return this;
    }

    /**
     * The lock file that guards {@code db}: beside the real file, so that a second server given a
     * symbolic link to the same database (or a path through a linked folder) meets the same lock.
     */
    static Path fileFor(Path db) {
        Path absolute = db.toAbsolutePath().normalize();
        try {
            absolute = absolute.toRealPath();
        } catch (java.io.IOException notThereYet) {
            // a database about to be created, maybe through a link that dangles until SQLite creates
            // its target: follow the links by hand, then the folder is the real one
            try {
                for (int hops = 0; hops < 40 && Files.isSymbolicLink(absolute); hops++) {
                    absolute = absolute.resolveSibling(Files.readSymbolicLink(absolute)).normalize();
                }
            } catch (java.io.IOException unreadableLink) {
                // the open that follows reports it
            }
            Path folder = absolute.getParent();
            if (folder != null && Files.isDirectory(folder)) {
                try {
                    absolute = folder.toRealPath().resolve(absolute.getFileName());
                } catch (java.io.IOException unreadable) {
                    // the open that follows reports it
                }
            }
        }
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /** Takes the lock or refuses with a usage error naming what to do; never waits. */
    static ProcessLock acquire(Path db) {
        Path file = fileFor(db);
        FileChannel channel;
        boolean existed = Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try {
            channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    dev.handoff.files.PrivatePaths.fileAttributes(file));
        } catch (IOException e) {
            throw HandoffException.usage(file + ": cannot create the inbox's lock file: " + e.getMessage(),
                    "the inbox needs to write in the database's folder; pass another --db");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it: another store on the same file is open here
        } catch (IOException e) {
            closeQuietly(channel);
            throw HandoffException.usage(file + ": cannot lock the inbox's lock file: " + e.getMessage(),
                    "use a local file system for --db");
        }
        if (lock == null) {
            closeQuietly(channel);
            throw HandoffException.usage(db + ": another 'handoff inbox serve' is using this database",
                    "stop it first; several inbox processes share one queue through PostgreSQL only (docs/inbox-postgres.md)");
        }
        return new ProcessLock(channel, lock, existed ? null : file);
    }

    /**
     * Releases the lock and, when this lock made the lock file, removes it: for a start refused
     * before anything was written (another application's database), so that nothing of the inbox is
     * left beside that file. Any other process that opened the file meanwhile meets the same
     * database and is refused the same way.
     */
    void discard() {
        if (created != null) {
            try {
                Files.deleteIfExists(created);
            } catch (IOException ignored) {
                // an empty file left behind; it blocks nothing
            }
        }
        close();
    }

    @Override
    public void close() {
        if (identity != null) {
            identity.close();
            identity = null;
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
