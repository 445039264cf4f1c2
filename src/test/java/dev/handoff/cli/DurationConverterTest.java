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

    @Test
    void aRepeatedOrOutOfOrderUnitIsRefusedNotSummed() {
        assertThatThrownBy(() -> DurationConverter.parse("1h1h1h")).hasMessage("'1h1h1h' gives the unit h more than once"
                + " (each unit once, largest first: 1h30m, 7d12h)");
        assertThatThrownBy(() -> DurationConverter.parse("1d2d")).hasMessageContaining("gives the unit d more than once");
        assertThatThrownBy(() -> DurationConverter.parse("5m2h")).hasMessage("'5m2h' has its units out of order (largest first: 2h5m)");
        assertThatThrownBy(() -> DurationConverter.parse("500ms1s")).hasMessageContaining("(largest first: 1s500ms)");
        assertThat(DurationConverter.parse("1d2h3m4s5ms")).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).plusMillis(5));
        assertThat(DurationConverter.parse("1m1ms")).isEqualTo(Duration.ofMinutes(1).plusMillis(1));
    }
}
