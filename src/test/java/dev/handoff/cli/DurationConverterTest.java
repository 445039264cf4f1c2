package dev.handoff.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    @Test
    void oneGrammarForEveryDurationOption() {
        assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("300")).isEqualTo(Duration.ofSeconds(300));
        assertThatThrownBy(() -> DurationConverter.parse("5 minutes")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DurationConverter.parse("-5s")).hasMessageContaining("not a duration");
    }
}
