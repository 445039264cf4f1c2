package dev.handoff.queue.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ChangeFeedTest {

    @Test
    void aReaderThatWaitsAfterTheStopDoesNotWaitAtAll() {
        ChangeFeed feed = new ChangeFeed(5);
        // the shutdown's wake-up comes before the stream thread reaches its wait: it must not be lost
        feed.stop();
        long latest = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> feed.awaitAfter(5, 60_000));
        assertThat(latest).isEqualTo(5);
    }

    @Test
    void aWaitingReaderIsWokenByACommit() throws Exception {
        ChangeFeed feed = new ChangeFeed(5);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            feed.published(6);
        });
        writer.start();
        long latest = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> feed.awaitAfter(5, 60_000));
        assertThat(latest).isEqualTo(6);
        writer.join();
    }
}
