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

    private DatabaseFile(Path path, Object key) {
        this.path = path;
        this.key = key;
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
        return null;
    }

    private String gone(String what) {
        return "the database file " + path + " " + what + " while the inbox had it open; nothing is stored until "
                + "'handoff inbox serve' is restarted (put the right file back at that path first, if it was moved)";
    }
}
