package dev.handoff.queue.store;

import dev.handoff.queue.HandoffEvent;
import dev.handoff.queue.QueueAction;
import dev.handoff.queue.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract, run against SQLite and PostgreSQL alike. */
class InboxStoreTest {

    @TempDir
    Path dir;

    private static NewHandoff handoff(String key, String summary) {
        HandoffEvent e = new HandoffEvent("agt_1", null, "Jane", "+15551234567", summary, "r",
                Instant.parse("2025-09-19T12:34:56Z"));
        return new NewHandoff(key, e, "+15551234567", ("{\"summary\":\"" + summary + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void manyConcurrentWritesShareCommitsAndEachGetsItsOwnRowAndChange(TestDatabases.Kind kind) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(kind, dir);
        List<CompletableFuture<Ingested>> futures = new ArrayList<>();
        try (InboxStore store = db.open()) {
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
        try (InboxStore reopened = db.open()) {
            assertThat(reopened.list(Set.of(), 1000, null).nextCursor()).isNotNull();
            assertThat(reopened.changesAfter(0, 5000)).hasSize(2000);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPageOfBigHandoffsStopsAtAFewMegabytesAndItsCursorLeadsThroughTheRest(TestDatabases.Kind kind) throws Exception {
        // webhook bodies just under the 1 MiB cap, nearly all summary (two UTF-8 bytes a character)
        String big = "\u00e9".repeat(450 * 1024);
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            for (int i = 0; i < 9; i++) {
                store.ingest(handoff("big:" + i, i + big)).get();
            }
            List<Long> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Page page = store.list(Set.of(), 1000, cursor);
                long bytes = page.items().stream().mapToLong(h -> h.summary().getBytes(StandardCharsets.UTF_8).length).sum();
                assertThat(bytes).as("page text").isLessThanOrEqualTo(Pages.PAGE_BYTES);
                assertThat(page.items()).isNotEmpty();
                page.items().forEach(h -> seen.add(h.id()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
            assertThat(pages).as("several short pages, not one of 9 MB").isGreaterThan(1);
            assertThat(seen).as("every handoff once, in order").hasSize(9).isSorted().doesNotHaveDuplicates();

            List<Change> changes = store.changesAfter(0, 500);
            assertThat(changes.size()).as("the change log is read in bounded batches too").isBetween(2, 8);
            assertThat(store.changesAfter(changes.get(changes.size() - 1).seq(), 500).get(0).seq())
                    .isEqualTo(changes.get(changes.size() - 1).seq() + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theSameKeyTwiceInOneBatchIsStoredOnce(TestDatabases.Kind kind) throws Exception {
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            var a = store.ingest(handoff("key:same", "first"));
            var b = store.ingest(handoff("key:same", "second"));
            assertThat(a.get().created()).isTrue();
            assertThat(b.get().created()).isFalse();
            assertThat(b.get().handoff().id()).isEqualTo(a.get().handoff().id());
            assertThat(b.get().handoff().summary()).isEqualTo("first");
            assertThat(store.changesAfter(0, 10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void refusedActionsWriteNoChange(TestDatabases.Kind kind) throws Exception {
        try (InboxStore store = TestDatabases.fresh(kind, dir).open()) {
            long id = store.ingest(handoff("key:a", "a")).get().handoff().id();
            assertThat(store.apply(id, QueueAction.CLAIM, "alice").get()).get().isInstanceOf(QueueAction.Outcome.Changed.class);
            assertThat(store.apply(id, QueueAction.CLAIM, "bob").get()).get().isInstanceOf(QueueAction.Outcome.Refused.class);
            assertThat(store.apply(id, QueueAction.CLAIM, "alice").get()).get().isInstanceOf(QueueAction.Outcome.Unchanged.class);
            assertThat(store.apply(99, QueueAction.CLAIM, "alice").get()).isEmpty();
            assertThat(store.changesAfter(0, 10)).hasSize(2);
            assertThat(store.get(id).orElseThrow().status()).isEqualTo(Status.IN_PROGRESS);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void writesQueuedBeforeCloseAreCommittedByClose(TestDatabases.Kind kind) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(kind, dir);
        List<CompletableFuture<Ingested>> futures = new ArrayList<>();
        InboxStore store = db.open();
        for (int i = 0; i < 500; i++) {
            futures.add(store.ingest(handoff("key:" + i, "s" + i)));
        }
        store.close();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(store.ingest(handoff("key:late", "late"))).isCompletedExceptionally();
        try (InboxStore reopened = db.open()) {
            assertThat(reopened.changesAfter(0, 1000)).hasSize(500);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void resolvingKeepsWhoAndWhenInTheRowAndTheChangeLog(TestDatabases.Kind kind) throws Exception {
        TestDatabases.Database db = TestDatabases.fresh(kind, dir);
        long id;
        try (InboxStore store = db.open()) {
            id = store.ingest(handoff("key:r", "r")).get().handoff().id();
            store.apply(id, QueueAction.CLAIM, "alice").get();
            store.apply(id, QueueAction.RESOLVE, "alice").get();
        }
        try (InboxStore reopened = db.open()) {
            var h = reopened.get(id).orElseThrow();
            assertThat(h.status()).isEqualTo(Status.RESOLVED);
            assertThat(h.claimedBy()).isNull();
            assertThat(h.resolvedBy()).isEqualTo("alice");
            assertThat(h.resolvedAt()).isEqualTo(h.updatedAt());
            var last = reopened.changesAfter(0, 10).get(2);
            var snapshot = dev.handoff.queue.QueueJson.mapper().readTree(last.snapshotJson());
            assertThat(snapshot.get("resolved_by").asText()).isEqualTo("alice");
            assertThat(snapshot.get("resolved_at").asText()).isEqualTo(h.resolvedAt().toString());
            assertThat(reopened.list(Set.of(Status.RESOLVED), 10, null).items()).containsExactly(h);
        }
    }
}
