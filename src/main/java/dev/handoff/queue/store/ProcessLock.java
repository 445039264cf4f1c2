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
 */
final class ProcessLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
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
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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
        return new ProcessLock(channel, lock);
    }

    @Override
    public void close() {
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
