package dev.handoff.queue.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits between attempts: doubling from the first delay, capped, each scaled by a jitter in [0.5, 1]. */
class BackoffTest {

    @Test
    void doublesFromTheFirstDelayUpToTheCapAtFullJitter() {
        Backoff full = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), () -> 1.0);
        assertThat(full.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(full.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(full.after(6)).isEqualTo(Duration.ofSeconds(320));
        assertThat(full.after(7)).as("640 s capped").isEqualTo(Duration.ofMinutes(10));
        assertThat(full.after(60)).as("no overflow after many failures").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theJitterNeverWaitsLessThanHalf() {
        Backoff least = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), () -> 0.0);
        assertThat(least.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(least.after(7)).isEqualTo(Duration.ofMinutes(5));
        Backoff middle = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), () -> 0.5);
        assertThat(middle.after(2)).isEqualTo(Duration.ofSeconds(15));
    }
}
