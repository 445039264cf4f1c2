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
            description = "Give up waiting for an answer after this long, e.g. 30s or 2m; at most 1h (default: ${DEFAULT-VALUE}).")
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
            throw dev.handoff.error.HandoffException.usage(option + " " + shown(value) + ": must be more than 0 and at most 1h",
                    "e.g. " + option + (option.startsWith("--connect") ? " 10s" : " 2m") + "; a wait longer than an hour is no timeout");
        }
        return value;
    }

    /** As the user writes durations ("1h30m", "500ms"), not in milliseconds. */
    static String shown(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0) {
            b.append(s).append('s');
        }
        if (ms > 0) {
            b.append(ms).append("ms");
        }
        return b.toString();
    }
}
