package dev.handoff.queue.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Event streams against the per-address connection cap, and how soon a client that left frees its slot. */
class StreamSlotsTest {

    @TempDir
    Path dir;

    private InboxFixture inbox;

    @AfterEach
    void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void streamsUpToThePerAddressCapDoNotShutWebhooksAndHealthChecksFromThatAddressOut() throws Exception {
        // what operators behind one proxy address do: as many streams as the address may hold connections
        inbox = new InboxFixture(dir, s -> s.withLimits(new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 4)).withHeartbeat(Duration.ofSeconds(1)));
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SseClient stream = new SseClient(inbox, "", null);
                assertThat(stream.next().comment()).isEqualTo("connected");
                streams.add(stream);
            }
            waitUntil(() -> inbox.server.openStreams() == 4, "four streams open");
            assertThat(inbox.server.countedFromLoopback()).as("streams are not counted against the address").isZero();

            assertThat(inbox.deliver(InboxFixture.event("while 4 streams are open", "2025-09-19T12:00:00Z")).status())
                    .isEqualTo(201);
            assertThat(inbox.get("/healthz").status()).isEqualTo(200);
            for (SseClient stream : streams) {
                assertThat(stream.nextEvent().json().get("summary").asText()).isEqualTo("while 4 streams are open");
            }
            assertThat(inbox.server.refusedConnections()).isZero();
        } finally {
            streams.forEach(SseClient::close);
        }
        waitUntil(() -> inbox.server.openStreams() == 0, "the streams' slots freed after their clients left");
        // an ended stream's connection counts again until its close reaches the guard, a moment later;
        // what stays is the client's kept-alive connection of the webhook and the health check
        waitUntil(() -> inbox.server.countedFromLoopback() <= 2, "no count left behind by the streams");
    }

    @Test
    void aQuietStreamWhoseClientLeftFreesItsSlotAndConnectionAtTheNextHeartbeatNotTheOneAfter() throws Exception {
        // nothing is written but the heartbeat: the first ping after the client left still succeeds (the
        // socket buffers it, the client's reset comes back after it), so only a second write can fail
        Duration heartbeat = Duration.ofSeconds(3);
        inbox = new InboxFixture(dir, s -> s.withHeartbeat(heartbeat));
        try (SseClient leaves = new SseClient(inbox, "", null)) {
            assertThat(leaves.next().comment()).isEqualTo("connected");
        }
        long left = System.nanoTime();
        waitUntil(() -> inbox.server.openStreams() == 0, "the slot freed");
        Duration held = Duration.ofNanos(System.nanoTime() - left);
        // the heartbeat's ping, then a probe half a second later: about 3.5 s; two heartbeats would be 6 s
        assertThat(held).as("slot held after the client left").isLessThan(Duration.ofMillis(5_000));
        waitUntil(() -> inbox.server.openConnections() == 0, "the connection closed");
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
