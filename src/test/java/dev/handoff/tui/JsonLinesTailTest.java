package dev.handoff.tui;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLinesTailTest {

    @Test
    void aRetryWithTheSameReasonIsOneLineButANewReasonIsSaid() throws Exception {
        FakeSource source = new FakeSource(List.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread follower = new Thread(() -> {
            try {
                new JsonLinesTail(source, new PrintWriter(out), new PrintWriter(err)).follow(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.start();
        assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
        Instant since = Instant.parse("2025-09-19T13:01:00Z");
        source.listener.onState(new ConnectionState.Reconnecting(since, "stream ended"));
        source.listener.onState(new ConnectionState.Reconnecting(since, "stream ended"));
        source.listener.onState(new ConnectionState.Reconnecting(since, InboxSource.RESYNC_REASON));
        source.listener.onState(new ConnectionState.Live(since.plusSeconds(2)));
        source.listener.onChange(Entries.pending(1, "Ann", 10), 8);
        follower.join(5_000);

        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("(stream ended)");
        assertThat(lines.get(2)).contains("(" + InboxSource.RESYNC_REASON + ")");
        assertThat(lines.get(3)).endsWith(": live");
    }

    @Test
    void aQueueReadAgainIsMarkedSoAConsumerDropsWhatItHeldEvenWhenTheNewQueueIsEmpty() throws Exception {
        FakeSource source = new FakeSource(List.of(Entries.pending(1, "Ann", 10)));
        StringWriter out = new StringWriter();
        Thread follower = new Thread(() -> {
            try {
                new JsonLinesTail(source, new PrintWriter(out), new PrintWriter(new StringWriter())).follow(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        follower.start();
        assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
        source.listener.onSnapshot(new QueueSource.Snapshot(List.of(), 2));
        source.listener.onChange(Entries.pending(3, "Cy", 10), 3);
        follower.join(5_000);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"type\":\"snapshot\",\"seq\":7");
        assertThat(lines.get(1)).isEqualTo("{\"type\":\"reset\",\"seq\":2,\"count\":0}");
        assertThat(lines.get(2)).startsWith("{\"type\":\"change\",\"seq\":3");
    }
}
