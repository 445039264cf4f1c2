package dev.handoff.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One plain line for a file-system failure: the file and what went wrong, no Java class names. */
public final class IoMessages {

    private IoMessages() {
    }

    public static String plain(IOException e) {
        String why = reason(e);
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "";
        return file.isEmpty() ? why : file + ": " + why;
    }

    /** What went wrong, without the file's name: for a message that names the file itself. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() != null ? f.getFile() : "";
            if (f instanceof NoSuchFileException) {
                return "no such file or folder";
            } else if (f instanceof AccessDeniedException) {
                return "permission denied";
            } else if (f instanceof NotDirectoryException) {
                return "not a folder";
            } else if (f instanceof FileAlreadyExistsException) {
                // also what creating a folder says when a file stands where the folder should be
                return !file.isEmpty() && java.nio.file.Files.exists(java.nio.file.Path.of(file))
                        && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(file)) ? "already exists, as a file, not a folder" : "already exists";
            } else if ("Not a directory".equals(f.getReason())) {
                return "a part of the path is a file, not a folder";
            }
            return f.getReason() != null ? lower(f.getReason()) : "cannot be used";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : lower(m);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
