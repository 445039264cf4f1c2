package dev.handoff.queue.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The SQLite file the store opened, by identity (device and inode, the file key). SQLite keeps
 * writing through its open descriptors after the file at the path was deleted or replaced (a
 * cleanup job, a restored copy moved over it): commits then go to an inode nobody will open again,
 * and a restart starts on another database. The writer asks {@link #lost} after every commit and
 * before answering, so no event written there is acknowledged.
 */
final class DatabaseFile {

    private final Path path;
    /** The identity seen at open; null where the file system gives none (then only presence is checked). */
    private final Object key;
    /**
     * The write-ahead log beside it: commits go there first, and SQLite, which never deletes it while the writer's
     * connection is open, keeps appending to a deleted one; a kill then loses every event acknowledged since.
     */
    private final Path wal;
    /** The log's identity, taken the first time it is seen (it appears with the first write); null until then. */
    private volatile Object walKey;

    private DatabaseFile(Path path, Object key) {
        this.path = path;
        this.key = key;
        this.wal = path.resolveSibling(path.getFileName() + "-wal");
    }

    /** The file at {@code path} as it is now, which must be the one just opened. */
    static DatabaseFile of(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        return new DatabaseFile(absolute, Files.readAttributes(absolute, BasicFileAttributes.class).fileKey());
    }

    /** Null while the file at the path is the one opened; else one sentence saying what happened and what to do. */
    String lost() {
        Object now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return gone("is gone (deleted or moved away)");
        } catch (IOException e) {
            return gone("cannot be looked at (" + e.getMessage() + ")");
        }
        if (key != null && !key.equals(now)) {
            return gone("was replaced by another file");
        }
        return lostLog();
    }

    /** Less free space than one webhook may bring (1 MiB) and its log pages: the next one may not be stored. */
    static final long MIN_FREE_BYTES = 4L * 1024 * 1024;

    /** True when the file system holding the database has less than {@link #MIN_FREE_BYTES} left for this process. */
    boolean nearlyFull() {
        try {
            return Files.getFileStore(path).getUsableSpace() < MIN_FREE_BYTES;
        } catch (IOException | SecurityException e) {
            return false; // the file's own check says what is wrong with it
        }
    }

    private String lostLog() {
        Object now;
        try {
            now = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return walKey == null ? null : gone("lost its write-ahead log " + wal.getFileName() + " (deleted or moved away)");
        } catch (IOException e) {
            return walKey == null ? null : gone("has a write-ahead log that cannot be looked at (" + e.getMessage() + ")");
        }
        if (walKey == null) {
            walKey = now == null ? new Object() : now;
            return null;
        }
        if (now != null && !walKey.equals(now)) {
            return gone("had its write-ahead log " + wal.getFileName() + " replaced by another file");
        }
        return null;
    }

    private String gone(String what) {
        return "the database file " + path + " " + what + " while the inbox had it open; nothing is stored until "
                + "'handoff inbox serve' is restarted (put the right file back at that path first, if it was moved)";
    }
}
