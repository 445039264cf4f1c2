package dev.handoff.files;

import dev.handoff.error.HandoffException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file an option will write before any work starts, so that a long run never ends in
 * "cannot write": an empty path (an unset variable such as $GITHUB_STEP_SUMMARY), a folder, a
 * place nobody may write to.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * @param option   the option's name, for the message
     * @param given    the path as the user typed it (may be empty)
     * @param workDir  relative paths are resolved against it
     * @return the absolute, normalised path
     */
    public static Path check(String option, String given, Path workDir) {
        if (given == null || given.isBlank()) {
            throw HandoffException.usage(option + ": the file name is empty",
                    "an unset variable? ($GITHUB_STEP_SUMMARY is only set inside GitHub Actions); pass a file name");
        }
        Path target = workDir.resolve(given).toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw HandoffException.usage(option + " " + given + ": is a folder", "name a file to write, not a folder");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return target;   // a device or a pipe (/dev/stdout): written in place, errors surface then
        }
        Path dir = target.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw HandoffException.usage(option + " " + given + ": " + (dir == null ? "no folder to write into" : dir + " is not a folder"),
                    "name a file in an existing folder");
        }
        try {
            // the real test: the file is written as a temporary file next to it, then moved
            Path probe = Files.createTempFile(dir, ".handoff-write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw HandoffException.usage(option + " " + given + ": cannot create a file in " + dir,
                    "choose a file in a folder you can write to");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw HandoffException.usage(option + " " + given + ": cannot write the file (permission denied)",
                    "choose a file you can write to");
        }
        return target;
    }
}
