package dev.handoff.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes that never leave a half-written file behind: the content goes to a temporary file in
 * the same directory, is forced to disk, and is then moved over the target in one step. If
 * producing the content fails, the target is left as it was.
 *
 * <p>A writer stopped by SIGTERM or Ctrl-C removes its temporary file on the way out (a shutdown
 * hook); one killed outright (kill -9, a power cut) leaves it ({@code .NAME.<pid>.<n>.tmp}), and a
 * later write of the same target removes it once it is stale ({@link StaleTemporaries}).
 *
 * <p>A symbolic link stays a link: the file it points to is replaced, with the temporary file
 * beside that file. Permissions: a replaced file keeps its own; a new file is readable by all (0644), as
 * configuration files and reports are, unless the caller asks for tighter ones (backups,
 * credentials: 0600).
 */
public final class AtomicFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DEFAULT_NEW = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /** Produces a file's content by writing it to a stream, for output too large to build in memory. */
    /** Temporary files being written now; a CI job cancelled mid-write left an 83 MB one per cancel. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private static void track(Path tmp) {
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // a later write of the target removes it once stale
                    }
                }), "handoff-temporary-files"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the finally below still removes it if it can
            }
        }
        IN_FLIGHT.add(tmp);
    }

    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, String content) throws IOException {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /** Writes with explicit permissions when {@code permissions} is non-null and the file system is POSIX. */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        replace(target, out -> out.write(content), permissions);
    }

    public static void writeStreaming(Path target, StreamContent content) throws IOException {
        replace(target, content, null);
    }

    /**
     * The file a symbolic link points to (through any chain of links), so that replacing writes
     * there: renaming over the link itself would put a regular file where the link was, and the
     * file it shares with other checkouts or tools would silently stop getting updates.
     */
    static Path followLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new java.nio.file.FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(p);
            p = link.isAbsolute() ? link : p.toAbsolutePath().getParent().resolve(link);
        }
        return p;
    }

    /**
     * Whether {@link #write} could replace {@code target} now, checked without changing it: the
     * file is not a folder, not read-only, not immutable (it can be opened for writing), and a
     * temporary file of the name the write would use can be created beside it (and is deleted again). For a command that must know before it
     * acts elsewhere (push records the new version in the file after writing the remote).
     *
     * @throws java.nio.file.FileSystemException naming {@code target} as given, never the temporary file
     */
    public static void checkReplaceable(Path target) throws IOException {
        Path given = target.toAbsolutePath();
        if (Files.exists(given) && !Files.isRegularFile(given) && !Files.isDirectory(given)) {
            if (!Files.isWritable(given)) {
                throw new java.nio.file.AccessDeniedException(given.toString());
            }
            return; // a device or a pipe is written in place
        }
        Path absolute = followLinks(given);
        if (absolute.getParent() == null || Files.isDirectory(absolute)) {
            throw new java.nio.file.FileSystemException(given.toString(), null, "is a folder");
        }
        refuseReadOnly(given, absolute, null);
        refuseLocked(given, absolute);
        Path dir = absolute.getParent();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new java.nio.file.FileSystemException(given.toString(), null, "a part of the path is a file, not a folder");
        }
        if (!existing.equals(dir)) {
            if (!Files.isWritable(existing)) {
                throw new java.nio.file.FileSystemException(given.toString(), null, "cannot create its folder in " + existing
                        + ": permission denied");
            }
            return; // the folder is made by the write; nothing else can be tried without making it now
        }
        Path probe = temporary(given, absolute, dir);
        Files.deleteIfExists(probe);
    }

    /**
     * A read-only file (its mode lacks owner write) that this process may not write either: its
     * replacement inherits the mode, so writing it would fail naming the temporary file. Said first,
     * naming the file. (Root may write it, and replaces it as before.)
     */
    private static void refuseReadOnly(Path given, Path absolute, Set<PosixFilePermission> permissions) throws IOException {
        if (permissions == null && Files.isRegularFile(absolute) && absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(absolute);
            if (!mode.contains(PosixFilePermission.OWNER_WRITE) && !Files.isWritable(absolute)) {
                throw new java.nio.file.FileSystemException(given.toString(), null, "read-only (mode "
                        + PosixFilePermissions.toString(mode) + "); make it writable (chmod u+w) to let handoff replace it");
            }
        }
    }

    /**
     * A file the system will not let anyone replace whatever its mode says: immutable or append-only
     * (chattr +i / +a; root included), which refuses the final rename over it with "operation not
     * permitted". Probed by opening it for writing and closing it again, which changes neither its
     * content nor its times (a watcher may see the open) and fails the same way for such a file. A
     * plain permission refusal is left to the rename, which needs only the folder to be writable.
     */
    private static void refuseLocked(Path given, Path absolute) throws IOException {
        if (!Files.isRegularFile(absolute)) {
            return;
        }
        try (FileChannel probe = FileChannel.open(absolute, StandardOpenOption.WRITE)) {
            // opened: nothing refuses a write to it
        } catch (java.nio.file.AccessDeniedException | java.nio.file.NoSuchFileException e) {
            // the mode bits (said above when they matter) or gone meanwhile: the rename decides
        } catch (java.nio.file.FileSystemException e) {
            throw (IOException) new java.nio.file.FileSystemException(given.toString(), null, "cannot be replaced ("
                    + IoMessages.reason(e) + "; an immutable or append-only file? 'lsattr' shows it, 'chattr -i' undoes it)")
                    .initCause(e);
        }
    }

    /** The temporary file of a write, its failure named after the file being replaced, not the temporary one. */
    private static Path temporary(Path given, Path absolute, Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, StaleTemporaries.prefix(absolute), ".tmp");
        } catch (IOException e) {
            throw (IOException) new java.nio.file.FileSystemException(given.toString(), null,
                    "cannot create a temporary file beside it in " + dir + " (" + IoMessages.reason(e) + ")").initCause(e);
        }
    }

    private static void replace(Path target, StreamContent content, Set<PosixFilePermission> permissions) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
            // a device or a pipe (/dev/stdout, /dev/full): written in place; replacing it would
            // put a regular file where the device was
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(absolute, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            } catch (java.nio.file.FileSystemException e) {
                throw e;
            } catch (IOException e) {
                throw new java.nio.file.FileSystemException(absolute.toString(), null, e.getMessage());
            }
            return;
        }
        Path given = absolute;
        absolute = followLinks(absolute);
        if (absolute.getParent() == null) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "is a folder");
        }
        if (Files.isDirectory(absolute)) {
            // named here: the move below would fail naming the temporary file, or replace an empty folder
            throw new java.nio.file.FileSystemException(given.toString(), null, "is a folder");
        }
        Path dir = absolute.getParent();
        if (!absolute.equals(given) && !Files.isDirectory(dir)) {
            // a dangling link: its target's folder is not ours to make (it may be anywhere)
            throw new java.nio.file.FileSystemException(given.toString(), null,
                    "is a link to " + absolute + ", in a folder that does not exist");
        }
        refuseReadOnly(given, absolute, permissions);
        Files.createDirectories(dir);
        StaleTemporaries.remove(absolute);
        Path tmp = temporary(given, absolute, dir);
        track(tmp);
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> mode = permissions != null ? permissions
                        : Files.exists(absolute) ? Files.getPosixFilePermissions(absolute) : DEFAULT_NEW;
                Files.setPosixFilePermissions(tmp, mode);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(new NamedWriteErrors(Channels.newOutputStream(channel), given), 1 << 16)) {
                // held while writing: what tells another writer of this target that this file is not stale
                StaleTemporaries.lock(channel);
                content.writeTo(out);
                out.flush();
                try {
                    channel.force(true);
                } catch (java.nio.file.FileSystemException e) {
                    throw e;
                } catch (IOException e) {
                    throw NamedWriteErrors.named(given, e);
                }
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.nio.file.FileSystemException e) {
            // the user never saw the temporary file: the failure is the file's
            if (tmp.toString().equals(e.getFile())) {
                throw (IOException) new java.nio.file.FileSystemException(given.toString(), null,
                        "could not be replaced (" + IoMessages.reason(e) + ")").initCause(e);
            }
            throw e;
        } finally {
            IN_FLIGHT.remove(tmp);
            Files.deleteIfExists(tmp);
        }
    }
}
