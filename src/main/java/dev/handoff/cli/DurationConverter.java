package dev.handoff.cli;

import dev.handoff.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Durations on the command line, one grammar for every option: "500ms", "5s", "2m", "1h30m", or plain seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** Throws IllegalArgumentException naming the accepted forms. */
    static Duration parse(String text) {
        return Durations.parse(text);
    }

    /** The inverse of {@link #parse}: as the user writes durations ("1h30m", "500ms"), not in milliseconds. */
    static String format(Duration d) {
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
