package dev.handoff.remote;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static RetryPolicy policy(double jitter) {
        return new RetryPolicy(new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 4, Duration.ofMillis(500),
                Duration.ofSeconds(8), Duration.ofSeconds(60), d -> { }, Clock.fixed(Instant.parse("2025-09-19T12:00:00Z"), ZoneOffset.UTC),
                () -> jitter, null, null));
    }

    @Test
    void backoffDoublesIsCappedAndJitteredWithinTheUpperHalf() {
        assertThat(policy(0).backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy(1).backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy(1).backoff(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy(1).backoff(10)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy(0).backoff(10)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void retryAfterParsesSecondsAndDatesAndIgnoresGarbage() {
        RetryPolicy p = policy(0);
        assertThat(p.retryAfter("120")).contains(Duration.ofSeconds(120));
        assertThat(p.retryAfter("Fri, 19 Sep 2025 12:00:30 GMT")).contains(Duration.ofSeconds(30));
        assertThat(p.retryAfter("Fri, 19 Sep 2025 11:00:00 GMT")).contains(Duration.ZERO);
        assertThat(p.retryAfter("soon")).isEmpty();
        assertThat(p.retryAfter(null)).isEmpty();
        assertThat(p.beyondCap(Duration.ofSeconds(61))).isTrue();
        assertThat(p.beyondCap(Duration.ofSeconds(60))).isFalse();
    }
}
