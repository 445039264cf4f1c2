package dev.handoff.classify.openai;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitWaitsTest {

    private final List<String> said = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RateLimitWaits waits = new RateLimitWaits(said::add, now::get);

    @Test
    void aLongWaitIsSaidOnceForTheRequestsThatMeetItTogetherAndAShortOneNot() {
        assertThat(waits.mayWait(Duration.ofSeconds(2), Duration.ZERO, "http://h/v1/chat/completions")).isTrue();
        assertThat(said).isEmpty();
        assertThat(waits.mayWait(Duration.ofMinutes(5), Duration.ZERO, "http://h/v1/chat/completions")).isTrue();
        assertThat(waits.mayWait(Duration.ofMinutes(5), Duration.ZERO, "http://h/v1/chat/completions")).isTrue();
        assertThat(said).containsExactly("rate limited (HTTP 429) by http://h/v1/chat/completions: waiting 5 min 0 s as the server"
                + " asks (a turn gives up after 15 minutes of waiting)");
        now.addAndGet(30_000);
        waits.mayWait(Duration.ofSeconds(45), Duration.ZERO, "x");
        assertThat(said).hasSize(2).last().asString().contains("waiting 45 s");
    }

    @Test
    void aTurnStopsWaitingOnceItsWaitsTogetherWouldPassTheBudget() {
        assertThat(waits.mayWait(Duration.ofMinutes(5), Duration.ofMinutes(10), "x")).as("exactly the budget").isTrue();
        assertThat(waits.mayWait(Duration.ofMinutes(5), Duration.ofMinutes(10).plusSeconds(1), "x")).isFalse();
    }
}
