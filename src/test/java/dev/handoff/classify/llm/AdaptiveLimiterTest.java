package dev.handoff.classify.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveLimiterTest {

    @Test
    void halvesOncePerBurstAndCreepsBackByOnePerWindow() throws Exception {
        AtomicLong now = new AtomicLong();
        AdaptiveLimiter limiter = new AdaptiveLimiter(8, Duration.ofSeconds(1), now::get);

        limiter.rateLimited();
        limiter.rateLimited(); // same burst: requests already in flight
        assertThat(limiter.limit()).isEqualTo(4);
        assertThat(limiter.halvings()).isEqualTo(1);

        now.addAndGet(Duration.ofMillis(1500).toNanos());
        limiter.rateLimited();
        assertThat(limiter.limit()).isEqualTo(2);
        assertThat(limiter.lowest()).isEqualTo(2);

        limiter.succeeded();
        limiter.succeeded();
        assertThat(limiter.limit()).as("+1/limit per answered request: 2.5, then 2.9").isEqualTo(2);
        limiter.succeeded();
        assertThat(limiter.limit()).as("about one more slot per window of answered requests").isEqualTo(3);
        for (int i = 0; i < 100; i++) {
            limiter.succeeded();
        }
        assertThat(limiter.limit()).as("never above the configured concurrency").isEqualTo(8);
    }

    @Test
    void neverLetsMoreThanTheLimitInFlight() throws Exception {
        AdaptiveLimiter limiter = new AdaptiveLimiter(2, Duration.ofSeconds(1));
        limiter.rateLimited();
        limiter.acquire();
        Thread second = new Thread(() -> {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        second.start();
        second.join(200);
        assertThat(second.isAlive()).as("waits while the one slot is taken").isTrue();
        limiter.release();
        second.join(2000);
        assertThat(second.isAlive()).isFalse();
    }
}
