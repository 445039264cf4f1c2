package dev.handoff.retry;

import dev.handoff.retry.Backoff.Jitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waits between attempts: doubling from the first delay, capped, then spread by the jitter. */
class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCapWithoutOverflow() {
        Backoff exact = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), Jitter.NONE);
        assertThat(exact.after(0)).as("no failure yet counts as the first").isEqualTo(Duration.ofSeconds(10));
        assertThat(exact.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(exact.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(exact.after(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(exact.after(7)).as("640 s capped").isEqualTo(Duration.ofMinutes(10));
        assertThat(exact.after(1_000)).as("no overflow after many failures").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void halfJitterWaitsBetweenHalfAndAllOfTheDelay() {
        Backoff half = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), Jitter.HALF);
        assertThat(half.after(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(half.after(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(half.after(7, () -> 0.0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(half.after(7, () -> 0.999_999)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void spreadJitterStaysWithinTwentyPercentEitherSide() {
        Backoff spread = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Jitter.SPREAD);
        assertThat(spread.after(1, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(spread.after(1, () -> 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(spread.after(6, () -> 0.999_999)).as("10 s capped, then +20%").isEqualTo(Duration.ofMillis(12_000));
        for (int i = 1; i < 50; i++) {
            long ms = spread.after(i).toMillis(); // the default random source
            long base = Math.min(500L << Math.min(i - 1, 20), 10_000);
            assertThat(ms).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
        }
    }

    @Test
    void aJitteredWaitIsNeverZeroSoARetryLoopCannotSpin() {
        Backoff tiny = new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), Jitter.HALF);
        assertThat(tiny.after(1, () -> 0.0)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aCapBelowTheFirstDelayCapsEveryWaitAndANegativeDelayIsRefused() {
        Backoff capped = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Jitter.NONE);
        assertThat(capped.after(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(capped.after(5)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1), Jitter.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRandomSourceOutsideZeroToOneIsClamped() {
        Backoff half = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), Jitter.HALF);
        assertThat(half.after(1, () -> 7.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(half.after(1, () -> -3.0)).isEqualTo(Duration.ofSeconds(5));
    }
}
