package dev.handoff.cli;

import dev.handoff.config.UserDirs;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may know of the world outside its arguments. Tests build their own, so no
 * command reads {@code System.getenv}, the real home directory or the real console directly.
 *
 * @param interactive   true when stdin and stdout are a terminal (progress, colour, the full-screen tail)
 * @param terminalInput true when stdin is a terminal: a question can be asked (on stderr) and answered,
 *                      also when stdout is a pipe ({@code handoff push | tee push.log})
 * @param terminalOutput true when stdout is a terminal, also when stdin is not ({@code </dev/null}, cron, nohup)
 */
public record CliContext(Map<String, String> env, UserDirs dirs, Path workDir, InputStream in, boolean interactive,
                         boolean terminalInput, boolean terminalOutput) {

    /** Stdin and stdout are terminals exactly when both are (what tests mostly need). */
    public CliContext(Map<String, String> env, UserDirs dirs, Path workDir, InputStream in, boolean interactive) {
        this(env, dirs, workDir, in, interactive, interactive);
    }

    /** Stdout is a terminal exactly when both stdin and stdout are. */
    public CliContext(Map<String, String> env, UserDirs dirs, Path workDir, InputStream in, boolean interactive,
                      boolean terminalInput) {
        this(env, dirs, workDir, in, interactive, terminalInput, interactive);
    }

    public static CliContext system() {
        boolean console = System.console() != null;
        return new CliContext(System.getenv(), UserDirs.fromEnvironment(), Path.of("").toAbsolutePath(), System.in,
                console, console || isTerminal(0), console || isTerminal(1));
    }

    /**
     * Whether a descriptor of this process (0 stdin, 1 stdout, 2 stderr) is a terminal. Java only tells whether
     * stdin and stdout both are (System.console()); on Linux /proc says where a descriptor points. A
     * file, a pipe or a closed descriptor is none.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    public String env(String name) {
        return env.get(name);
    }
}
