package dev.handoff.cli;

import dev.handoff.config.UserDirs;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may know of the world outside its arguments. Tests build their own, so no
 * command reads {@code System.getenv}, the real home directory or the real console directly.
 *
 * @param interactive true when stdin and stdout are a terminal (confirmation prompts, progress, colour)
 */
public record CliContext(Map<String, String> env, UserDirs dirs, Path workDir, InputStream in, boolean interactive) {

    public static CliContext system() {
        return new CliContext(System.getenv(), UserDirs.fromEnvironment(), Path.of("").toAbsolutePath(), System.in,
                System.console() != null);
    }

    public String env(String name) {
        return env.get(name);
    }
}
