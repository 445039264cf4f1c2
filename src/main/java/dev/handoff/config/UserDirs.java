package dev.handoff.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's own directories (XDG base directories), outside any repository: credentials and
 * user settings, state (push backups, the inbox database) and caches (class-data archives,
 * classifier caches). The environment is injectable so tests never touch the real home.
 */
public record UserDirs(Path config, Path state, Path cache) {

    public static UserDirs fromEnvironment() {
        // $HOME first, as the XDG specification and every shell tool do; user.home comes from the
        // password database and ignores a HOME set for a CI job or a sandbox
        String home = System.getenv("HOME");
        return from(System.getenv(), Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
    }

    public static UserDirs from(Map<String, String> env, Path home) {
        return new UserDirs(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("handoff"),
                base(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("handoff"),
                base(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve("handoff"));
    }

    private static Path base(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // XDG says relative values are invalid and must be ignored
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
