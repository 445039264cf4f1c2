package dev.handoff.queue.store;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.HandoffEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit: writes that queue up while a batch is being written all go out in the next commit. */
class GroupCommitWriterTest {

    @TempDir
    Path dir;

    @Test
    void eventsQueuedDuringABatchShareOneCommit() throws Exception {
        Path file = dir.resolve("inbox.db");
        Connection connection = SqliteStore.connect(file);
        Migrations.migrate(connection, Dialect.SQLITE, Migrations.LATEST);
        connection.setAutoCommit(false);
        try (GroupCommitWriter writer = new GroupCommitWriter(connection, Dialect.SQLITE, Clock.systemUTC(), null, seq -> { })) {
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> busy = writer.submit(new GroupCommitWriter.Task<>() {
                @Override
                Void run(WriteContext context) {
                    writing.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
            });
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

            List<CompletableFuture<Handoff>> events = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                NewHandoff h = handoff("k" + i);
                events.add(writer.submit(new GroupCommitWriter.Task<>() {
                    @Override
                    Handoff run(WriteContext context) throws java.sql.SQLException {
                        return context.insert(h);
                    }
                }));
            }
            assertThat(events).noneMatch(CompletableFuture::isDone);
            release.countDown();
            busy.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(events.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(writer.commits()).as("the busy batch, then one for all 16 events").isEqualTo(2);
            assertThat(writer.committedTasks()).isEqualTo(17);
        }
        try (Connection check = SqliteStore.connect(file); Statement s = check.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM handoffs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(16);
        }
    }

    private static NewHandoff handoff(String key) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r",
                Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8));
    }
}
