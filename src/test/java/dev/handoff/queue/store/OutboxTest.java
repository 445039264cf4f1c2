package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox contract, on SQLite and PostgreSQL: written with the handoff, claimed by one sender at a time. */
class OutboxTest {

    @TempDir
    Path dir;

    private static NewHandoff handoff(String key, List<String> channels) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", "s", "r",
                Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", "{}".getBytes(StandardCharsets.UTF_8), channels);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aNewHandoffGetsOneRowPerChannelAndARedeliveryNone(TestDatabases.Kind kind) throws Exception {
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            long id = store.ingest(handoff("k1", List.of("chat", "mail"))).get().handoff().id();
            Ingested again = store.ingest(handoff("k1", List.of("chat", "mail"))).get();
            assertThat(again.created()).isFalse();
            assertThat(store.outbox().entries(id)).extracting(Outbox.Entry::channel).containsExactly("chat", "mail");
            assertThat(store.outbox().entries(id)).allSatisfy(e -> {
                assertThat(e.state()).isEqualTo(Outbox.State.PENDING);
                assertThat(e.attempts()).isZero();
            });
            assertThat(store.outbox().counts().get("chat")).containsEntry(Outbox.State.PENDING, 1L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aClaimedRowIsNotClaimedAgainUntilItsLeaseRunsOutAndAStaleClaimCannotFinishIt(TestDatabases.Kind kind) throws Exception {
        HandClock clock = new HandClock();
        try (InboxStore store = TestDatabases.fresh(kind, dir).open(clock)) {
            long id = store.ingest(handoff("k1", List.of("chat"))).get().handoff().id();
            Outbox outbox = store.outbox();
            List<Outbox.Entry> first = outbox.claim("chat", 5, Duration.ofMillis(300)).get();
            assertThat(first).hasSize(1);
            assertThat(first.get(0).handoffId()).isEqualTo(id);
            assertThat(first.get(0).attempts()).isEqualTo(1);
            assertThat(first.get(0).state()).isEqualTo(Outbox.State.SENDING);
            assertThat(outbox.claim("chat", 5, Duration.ofMinutes(1)).get()).isEmpty();
            assertThat(outbox.claim("mail", 5, Duration.ofMinutes(1)).get()).isEmpty();

            clock.advance(Duration.ofMillis(400)); // the first sender "died": its lease runs out
            List<Outbox.Entry> second = outbox.claim("chat", 5, Duration.ofMinutes(1)).get();
            assertThat(second).hasSize(1);
            assertThat(second.get(0).attempts()).isEqualTo(2);
            assertThat(second.get(0).claim()).isNotEqualTo(first.get(0).claim());

            // the stale claim's message went out all the same: the row is sent, and its new holder changes nothing
            assertThat(outbox.sent(first.get(0)).get()).as("the stale claim").isFalse();
            assertThat(outbox.entries(id).get(0).state()).isEqualTo(Outbox.State.SENT);
            assertThat(outbox.failed(second.get(0), "gave up").get()).as("the new holder's outcome").isFalse();
            assertThat(outbox.sent(second.get(0)).get()).isFalse();
            assertThat(outbox.entries(id).get(0).state()).isEqualTo(Outbox.State.SENT);
            assertThat(outbox.entries(id).get(0).lastError()).isNull();
            assertThat(outbox.claim("chat", 5, Duration.ofMinutes(1)).get()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRetriedRowWaitsForItsTimeAndAFailedOneIsDone(TestDatabases.Kind kind) throws Exception {
        HandClock clock = new HandClock();
        try (InboxStore store = TestDatabases.fresh(kind, dir).open(clock)) {
            long id = store.ingest(handoff("k1", List.of("chat"))).get().handoff().id();
            Outbox outbox = store.outbox();
            Outbox.Entry claimed = outbox.claim("chat", 1, Duration.ofMinutes(1)).get().get(0);
            Instant next = clock.instant().plusMillis(300);
            assertThat(outbox.retry(claimed, next, "HTTP 500").get()).isTrue();
            assertThat(outbox.entries(id).get(0).lastError()).isEqualTo("HTTP 500");
            assertThat(outbox.nextDue("chat")).contains(Instant.ofEpochMilli(next.toEpochMilli()));
            assertThat(outbox.claim("chat", 1, Duration.ofMinutes(1)).get()).as("not due yet").isEmpty();
            clock.advance(Duration.ofMillis(400));
            Outbox.Entry again = outbox.claim("chat", 1, Duration.ofMinutes(1)).get().get(0);
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(outbox.failed(again, "HTTP 500").get()).isTrue();
            assertThat(outbox.entries(id).get(0).state()).isEqualTo(Outbox.State.FAILED);
            assertThat(outbox.nextDue("chat")).isEmpty();
            assertThat(outbox.counts().get("chat")).containsEntry(Outbox.State.FAILED, 1L);
        }
    }

    @Test
    void twoInboxProcessesOnOnePostgresNeverClaimTheSameRow() throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(TestDatabases.Kind.POSTGRES, dir);
        int rows = 60;
        try (InboxStore a = db.open(); InboxStore b = db.open()) {
            for (int i = 0; i < rows; i++) {
                a.ingest(handoff("k" + i, List.of("chat"))).get();
            }
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (InboxStore store : List.of(a, b, a, b)) {
                    runs.add(pool.submit(() -> {
                        while (true) {
                            List<Outbox.Entry> got = store.outbox().claim("chat", 1, Duration.ofMinutes(1)).get();
                            if (got.isEmpty()) {
                                return null;
                            }
                            claimed.add(got.get(0).handoffId());
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(claimed).hasSize(rows).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void noNotificationChannelsNoOutboxRows(TestDatabases.Kind kind) throws Exception {
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            long id = store.ingest(handoff("k-quiet", List.of())).get().handoff().id();
            assertThat(store.outbox().entries(id)).isEmpty();
            assertThat(store.outbox().counts()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theOutboxRowIsWrittenInTheHandoffsTransaction(TestDatabases.Kind kind) throws Exception {
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            // the second row breaks the (handoff, channel) key: the whole task is undone, handoff included
            CompletableFuture<Ingested> failed = store.ingest(handoff("k-broken", List.of("chat", "chat")));
            assertThat(failed).failsWithin(Duration.ofSeconds(10));
            assertThat(store.list(java.util.Set.of(), 10, null).items()).isEmpty();
            assertThat(store.outbox().counts()).isEmpty();
        }
    }

    /**
     * Time for the store that moves only when the test says: with the wall clock, a lease of 300 ms
     * could run out between the claim and the "not claimed again" check on a loaded machine.
     */
    private static final class HandClock extends java.time.Clock {
        private volatile Instant now = Instant.parse("2025-09-19T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
