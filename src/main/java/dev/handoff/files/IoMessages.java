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
                why = "already exists";
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
