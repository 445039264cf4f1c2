package dev.handoff.cli;

import dev.handoff.remote.HttpSettings;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

/** Timeouts for the commands that talk to a vendor API. */
public final class HttpOptions {

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up connecting after this long, e.g. 10s or 500ms; at most 1h (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--read-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Give up waiting for an answer after this long, e.g. 30s or 2m; at most 1h (default: ${DEFAULT-VALUE})."
                    + " With --connect-timeout it also bounds each attempt as a whole, the answer's last byte included.")
    Duration readTimeout = Duration.ofSeconds(30);

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

    private static Duration seconds(String option, Duration value) {
        if (value.isZero() || value.compareTo(Duration.ofHours(1)) > 0) {
            throw dev.handoff.error.HandoffException.usage(option + " " + DurationConverter.format(value) + ": must be more than 0 and at most 1h",
                    "e.g. " + option + (option.startsWith("--connect") ? " 10s" : " 2m") + "; a wait longer than an hour is no timeout");
        }
        return value;
    }
}
