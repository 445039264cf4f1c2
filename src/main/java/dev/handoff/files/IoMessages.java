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
        if (e instanceof FileSystemException f) {
            String file = f.getFile() != null ? f.getFile() : "";
            String why;
            if (f instanceof NoSuchFileException) {
                why = "no such file or folder";
            } else if (f instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (f instanceof NotDirectoryException) {
                why = "not a folder";
            } else if (f instanceof FileAlreadyExistsException) {
                // also what creating a folder says when a file stands where the folder should be
                why = !file.isEmpty() && java.nio.file.Files.exists(java.nio.file.Path.of(file))
                        && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(file)) ? "already exists, as a file, not a folder" : "already exists";
            } else if ("Not a directory".equals(f.getReason())) {
                why = "a part of the path is a file, not a folder";
            } else {
                why = f.getReason() != null ? lower(f.getReason()) : "cannot be used";
            }
            return file.isEmpty() ? why : file + ": " + why;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : lower(m);
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
