package dev.handoff.classify.openai;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private static Duration of(Map<String, String> headers) {
        return RetryAfter.of(headers::get, NOW);
    }

    @Test
    void goDurationsAsOpenAiSendsThem() {
        assertThat(RetryAfter.goDuration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RetryAfter.goDuration("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(RetryAfter.goDuration("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
        assertThat(RetryAfter.goDuration("0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryAfter.goDuration("soon")).isNull();
        assertThat(RetryAfter.goDuration("5 s")).isNull();
    }

    @Test
    void retryAfterWinsThenTheResetOfTheExhaustedBudget() {
        assertThat(of(Map.of("retry-after-ms", "150", "retry-after", "3"))).isEqualTo(Duration.ofMillis(150));
        assertThat(of(Map.of("retry-after", "3", "x-ratelimit-reset-requests", "1s"))).isEqualTo(Duration.ofSeconds(3));
        assertThat(of(Map.of("retry-after", "Mon, 05 Jan 2026 10:00:07 GMT"))).isEqualTo(Duration.ofSeconds(7));
        assertThat(of(Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "6m0s",
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-remaining-tokens", "1200"))).isEqualTo(Duration.ofMillis(20));
        assertThat(of(Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "2s",
                "x-ratelimit-remaining-requests", "12", "x-ratelimit-remaining-tokens", "0"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(of(Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-reset-tokens", "2s"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(of(Map.of())).isNull();
        assertThat(of(Map.of("retry-after", "86400"))).isEqualTo(RetryAfter.MAX);
    }

    @Test
    void aZeroOrNegativeWaitOrADateInThePastIsNoWaitOfTheServersOwnSoOurBackoffApplies() {
        assertThat(of(Map.of("retry-after", "-5"))).isNull();
        assertThat(of(Map.of("retry-after-ms", "-100"))).isNull();
        assertThat(of(Map.of("retry-after", "Mon, 05 Jan 2026 09:59:00 GMT"))).isNull();
        // "0" taken literally sent thirty requests in a burst before the turn was given up
        assertThat(of(Map.of("retry-after", "0"))).isNull();
        assertThat(of(Map.of("retry-after-ms", "0", "retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(of(Map.of("retry-after", "0.001"))).isEqualTo(Duration.ofMillis(1));
    }
}
