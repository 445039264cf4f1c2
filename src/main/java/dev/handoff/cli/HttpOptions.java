package dev.handoff.cli;

import dev.handoff.remote.HttpSettings;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

/** Timeouts for the commands that talk to a vendor API. */
public final class HttpOptions {

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
    double connectTimeout = 10;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up waiting for an answer after this many seconds (default: ${DEFAULT-VALUE}).")
    double readTimeout = 30;

    /** Request lines go to stderr with --verbose; retry notices always do. */
    HttpSettings settings(boolean verbose, PrintWriter err) {
        return HttpSettings.defaults()
                .withTimeouts(seconds("--connect-timeout", connectTimeout), seconds("--read-timeout", readTimeout))
                .withLogs(verbose ? line -> {
                    err.println(line);
                    err.flush();
                } : null, verbose ? null : line -> {
                    err.println("handoff: " + line);
                    err.flush();
                });
    }

    private static Duration seconds(String option, double value) {
        if (!(value > 0) || value > 3600) {
            throw dev.handoff.error.HandoffException.usage(option + " must be between 0 and 3600 seconds, got " + value, null);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
