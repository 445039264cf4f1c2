package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class InboxStoreTest {

    @TempDir
    Path dir;

    private static NewHandoff handoff(String key, String summary) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", summary, "r",
                Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", ("{\"summary\":\"" + summary + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void manyConcurrentWritesShareCommitsAndEachGetsItsOwnRowAndChange() throws Exception {
        Path db = dir.resolve("inbox.db");
        List<CompletableFuture<Ingested>> futures = new ArrayList<>();
        try (InboxStore store = InboxStore.open(db, Clock.systemUTC())) {
            for (int i = 0; i < 2000; i++) {
                futures.add(store.ingest(handoff("key:" + i, "s" + i)));
            }
            Set<Long> ids = new HashSet<>();
            for (var f : futures) {
                Ingested in = f.get();
                assertThat(in.created()).isTrue();
                ids.add(in.handoff().id());
            }
            assertThat(ids).hasSize(2000);
            assertThat(store.feed().latest()).isEqualTo(2000);
        }
        try (InboxStore reopened = InboxStore.open(db, Clock.systemUTC())) {
            assertThat(reopened.list(Set.of(), 1000, null).nextCursor()).isNotNull();
            assertThat(reopened.changesAfter(0, 5000)).hasSize(2000);
        }
    }

    @Test
    void theSameKeyTwiceInOneBatchIsStoredOnce() throws Exception {
        try (InboxStore store = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC())) {
            var a = store.ingest(handoff("key:same", "first"));
            var b = store.ingest(handoff("key:same", "second"));
            assertThat(a.get().created()).isTrue();
            assertThat(b.get().created()).isFalse();
            assertThat(b.get().handoff().id()).isEqualTo(a.get().handoff().id());
            assertThat(b.get().handoff().summary()).isEqualTo("first");
            assertThat(store.changesAfter(0, 10)).hasSize(1);
        }
    }

    @Test
    void refusedActionsWriteNoChange() throws Exception {
        try (InboxStore store = InboxStore.open(dir.resolve("inbox.db"), Clock.systemUTC())) {
            long id = store.ingest(handoff("key:a", "a")).get().handoff().id();
            assertThat(store.apply(id, QueueAction.CLAIM, "alice").get()).get().isInstanceOf(QueueAction.Outcome.Changed.class);
            assertThat(store.apply(id, QueueAction.CLAIM, "bob").get()).get().isInstanceOf(QueueAction.Outcome.Refused.class);
            assertThat(store.apply(id, QueueAction.CLAIM, "alice").get()).get().isInstanceOf(QueueAction.Outcome.Unchanged.class);
            assertThat(store.apply(99, QueueAction.CLAIM, "alice").get()).isEmpty();
            assertThat(store.changesAfter(0, 10)).hasSize(2);
            assertThat(store.get(id).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
        }
    }

    @Test
    void writesQueuedBeforeCloseAreCommittedByClose() throws Exception {
        Path db = dir.resolve("inbox.db");
        List<CompletableFuture<Ingested>> futures = new ArrayList<>();
        InboxStore store = InboxStore.open(db, Clock.systemUTC());
        for (int i = 0; i < 500; i++) {
            futures.add(store.ingest(handoff("key:" + i, "s" + i)));
        }
        store.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(store.ingest(handoff("key:late", "late"))).isCompletedExceptionally();
        try (InboxStore reopened = InboxStore.open(db, Clock.systemUTC())) {
            assertThat(reopened.changesAfter(0, 1000)).hasSize(500);
        }
    }
}
