package dev.handoff.cli;

import dev.handoff.config.UserDirs;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the real command line in-process with captured output, an isolated home and a chosen
 * environment. Commands are tested through this, never by calling their methods.
 */
public final class CliHarness {

    private final Map<String, String> env = new HashMap<>();
    private final Path home;
    private Path workDir;
    private boolean interactive;
    private boolean terminalInput;
    private boolean terminalOutput;
    private java.io.InputStream stdin = new ByteArrayInputStream(new byte[0]);

    public CliHarness(Path home) {
        this.home = home;
        this.workDir = home;
    }

    public CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The variable left out of the environment, as on a machine where it is not set. */
    public CliHarness unset(String name) {
        env.remove(name);
        return this;
    }

    public CliHarness workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public CliHarness interactive(boolean interactive, String stdin) {
        return interactive(interactive, new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A terminal whose input is this stream: a test can act (edit the remote) at the moment the prompt reads it. */
    public CliHarness interactive(boolean interactive, java.io.InputStream stdin) {
        this.interactive = interactive;
        this.terminalInput = interactive;
        this.stdin = stdin;
        return this;
    }

    /** Stdin a terminal typing this, stdout a pipe ({@code handoff push | tee push.log}). */
    public CliHarness terminalInputOnly(String stdin) {
        this.interactive = false;
        this.terminalInput = true;
        this.stdin = new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Stdout a terminal, stdin not one ({@code handoff tail </dev/null}, cron, nohup). */
    public CliHarness terminalOutputOnly() {
        this.interactive = false;
        this.terminalInput = false;
        this.terminalOutput = true;
        this.stdin = java.io.InputStream.nullInputStream();
        return this;
    }

    public UserDirs dirs() {
        return UserDirs.from(env, home);
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(Map.copyOf(env), dirs(), workDir, stdin, interactive, terminalInput,
                interactive || terminalOutput);
        int code = Cli.create(ctx, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
