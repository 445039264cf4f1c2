package dev.handoff.sync;

import dev.handoff.config.UserDirs;
import dev.handoff.remote.HttpSettings;
import dev.handoff.secret.Redactor;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything fetch, diff, push and restore may know of the world, handed in by the command so
 * that tests control it: environment, user directories, terminal, output streams, HTTP settings
 * and the clock (backup names).
 *
 * @param out      the report for people (stdout, control characters shown escaped); prompts, notices and
 *                 warnings go to {@code err}
 * @param data     stdout for programs, byte for byte: fetch --stdout's YAML, diff -o json
 * @param terminalInput whether stdin is a terminal, so that push and restore can ask for confirmation (on
 *                 {@code err}), also when stdout is a pipe
 * @param redactor every secret the run learns is added to it (token, placeholder values, secrets
 *                 read from the remote); stdout, stderr and the state files are masked with it
 */
public record SyncEnvironment(Map<String, String> env, UserDirs dirs, Path workDir, InputStream in, boolean terminalInput,
                              boolean color, PrintWriter out, PrintWriter data, PrintWriter err, HttpSettings http, Clock clock,
                              String userAgent, Redactor redactor) {

    /** A path as the user would type it: relative to the working directory when it lies below it. */
    public String show(Path path) {
        return dev.handoff.files.ShownPath.of(workDir, path).toString();
    }
}
