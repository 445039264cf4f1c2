package dev.handoff.files;

import java.nio.file.Path;

/**
 * How a path found by the tool (not typed by the user) is named in messages: relative to the
 * working folder when it lies inside it, else absolute. One rule, so that a file is named the same
 * way by every command and every message.
 */
public final class ShownPath {

    private ShownPath() {
    }

    public static Path of(Path workDir, Path path) {
        Path wd = workDir.toAbsolutePath().normalize();
        Path abs = wd.resolve(path).toAbsolutePath().normalize();
        return abs.startsWith(wd) && !abs.equals(wd) ? wd.relativize(abs) : abs;
    }

    /** {@link #of} with '/' as separator on every system, for reports. */
    public static String text(Path workDir, Path path) {
        return of(workDir, path).toString().replace('\\', '/');
    }
}
