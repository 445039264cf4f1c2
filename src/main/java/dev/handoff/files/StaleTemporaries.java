package dev.handoff.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link AtomicFiles}, {@code .NAME.<pid>.<n>.tmp} beside the target: a
 * writer killed with SIGKILL (or a power cut) leaves its one behind, and nothing else would
 * ever remove it. The next write of the same target removes such a file only when all of these
 * say its writer is gone, so that a live writer's file is never touched:
 * <ul>
 *   <li>it was last written more than a day ago (a writer keeps writing, and closes before it moves);</li>
 *   <li>no process holds the lock its writer takes on it for as long as it writes (the
 *       kernel drops a lock when its process dies, however it dies);</li>
 *   <li>the process named in it is not running here (files named before the pid was added
 *       rely on the two checks above).</li>
 * </ul>
 * Everything here is best effort: a file that cannot be checked or removed is left as it is.
 */
final class StaleTemporaries {

    static final Duration STALE_AFTER = Duration.ofDays(1);
    private static final Pattern MIDDLE = Pattern.compile("(?:(\\d+)\\.)?\\d+");

    private StaleTemporaries() {
    }

    /** The prefix of {@code target}'s temporary files, with this process's id in it. */
    static String prefix(Path target) {
        return "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    }

    /** Removes the stale temporary files of {@code target} (an absolute path, links followed). */
    static void remove(Path target) {
        Path dir = target.getParent();
        String start = "." + target.getFileName() + ".";
        Instant before = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(start) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path candidate : candidates) {
                String name = candidate.getFileName().toString();
                Matcher m = MIDDLE.matcher(name.substring(start.length(), name.length() - ".tmp".length()));
                if (m.matches() && ownerGone(m.group(1)) && olderThan(candidate, before)) {
                    removeUnlocked(candidate);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder that cannot be listed: the write itself says what is wrong, if anything
        }
    }

    /** @param pid the process id in the name, or null for a name from before it was added */
    private static boolean ownerGone(String pid) {
        if (pid == null) {
            return true;
        }
        try {
            long id = Long.parseLong(pid);
            return id != ProcessHandle.current().pid() && ProcessHandle.of(id).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean olderThan(Path file, Instant before) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before);
    }

    private static void removeUnlocked(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            // locked by this process, or locks are not to be had here: left alone
        }
    }

    /**
     * Locks a temporary file for as long as its writer writes it; null when the file system has no
     * locks (its file is then never taken for stale while it is young, by the age check).
     */
    static FileLock lock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException | OverlappingFileLockException | UnsupportedOperationException e) {
            return null;
        }
    }
}
