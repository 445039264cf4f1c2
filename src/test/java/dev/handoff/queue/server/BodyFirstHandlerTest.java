package dev.handoff.queue.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only Jetty's refusal to collect more than the limit is a 413: a read cut short otherwise is worth a retry (503). */
class BodyFirstHandlerTest {

    @Test
    void onlyTheSizeLimitIsTooLarge() {
        assertThat(BodyFirstHandler.tooLarge(new IllegalStateException("Max size (1048576) exceeded"))).isTrue();
        assertThat(BodyFirstHandler.tooLarge(new IllegalStateException("closed"))).isFalse();
        assertThat(BodyFirstHandler.tooLarge(new java.util.concurrent.CancellationException())).isFalse();
        assertThat(BodyFirstHandler.tooLarge(new java.util.concurrent.TimeoutException("Idle timeout"))).isFalse();
    }
}
