package dev.handoff.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only their owner may read, whatever the umask: the inbox database, the caches and the state folder
 * hold customers' words and phone numbers, and with umask 022 they were world-readable when the inbox or a classifier
 * made them first. On a file system without POSIX permissions they are made as usual.
 */
public final class PrivatePaths {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

    private PrivatePaths() {
    }

    /** Creates the folder and each missing parent 0700; existing folders keep their mode. */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(absolute)) {
                throw e;
            }
            return; // made by another process meanwhile: its mode stands
        }
        if (posix(absolute)) {
            // set after creating: a mode given at creation is reduced by the umask
            Files.setPosixFilePermissions(absolute, DIR);
        }
    }

    /** Creates an empty file 0600 when there is none (SQLite takes an empty file for a new database); true if it made one. */
    public static boolean createFileIfMissing(Path file) throws IOException {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.createFile(file, fileAttributes(file));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false; // made by another process meanwhile: its mode stands
        }
    }

    /** The attributes that create a file 0600 in this folder (none where there are no POSIX permissions). */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return posix(parent) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /**
     * The file's mode ("rw-r--r--") when users other than its owner may read it, else null (also where there are no
     * POSIX permissions or the mode cannot be read).
     */
    public static String readableByOthers(Path file) {
        try {
            if (!posix(file.toAbsolutePath().getParent())) {
                return null;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            return mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)
                    ? PosixFilePermissions.toString(mode) : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean posix(Path near) {
        return near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
