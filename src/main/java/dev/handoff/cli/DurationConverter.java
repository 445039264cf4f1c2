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
}
