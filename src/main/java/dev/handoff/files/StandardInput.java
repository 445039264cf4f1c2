package dev.handoff.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether standard input was closed when the tool started ({@code handoff replay - <&-}). The JVM
 * then opens its own files first, and the lowest free descriptor, 0, goes to one of them: reading
 * "standard input" read the JDK's 130 MB class archive and called it a too-large transcript or
 * "not UTF-8 text". Linux shows what descriptor 0 is in /proc; elsewhere nothing is detected.
 */
public final class StandardInput {

    private StandardInput() {
    }

    /** True when descriptor 0 is a file the JVM opened for itself (its class archive, a jar, a CDS archive). */
    public static boolean closed() {
        return isJvmFile(descriptorZero(), Path.of(System.getProperty("java.home", "/nonexistent")));
    }

    static Path descriptorZero() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    static boolean isJvmFile(Path target, Path javaHome) {
        if (target == null || !target.isAbsolute()) {
            return false; // "pipe:[123]", "socket:[...]": a real standard input
        }
        String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jar") || name.endsWith(".jsa")) {
            return true;
        }
        try {
            return target.toRealPath().startsWith(javaHome.toRealPath());
        } catch (IOException e) {
            return target.normalize().startsWith(javaHome.normalize());
        }
    }
}
