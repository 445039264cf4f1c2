package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static dev.handoff.tui.Entries.with;
import static org.assertj.core.api.Assertions.assertThat;

class QueueViewTest {

    MutableClock clock;
    QueueView view;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0.plusSeconds(3600));
        view = new QueueView(clock, Duration.ofSeconds(30));
    }

    private void snapshot(QueueEntry... entries) {
        view.applySnapshot(new QueueSource.Snapshot(List.of(entries), 10));
    }

    private List<Long> ids() {
        return view.rows().stream().map(QueueEntry::id).toList();
    }

    private long selectedId() {
        return view.selected().id();
    }

    @Nested
    class RowsAndCursor {

        @Test
        void oldestWaitingFirstByDefaultWithTheCursorOnTheFirstRow() {
            snapshot(pending(3, "Carol", 30), pending(1, "Alice", 10), pending(2, "Bob", 20));
            assertThat(ids()).containsExactly(1L, 2L, 3L);
            assertThat(selectedId()).isEqualTo(1);
            assertThat(view.selectedIndex()).isZero();
        }

        @Test
        void theCursorStaysOnItsHandoffWhenAnOlderOneArrivesAbove() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20), pending(3, "Carol", 30));
            view.moveBy(1);
            assertThat(selectedId()).isEqualTo(2);

            view.applyChange(pending(4, "Dave", 5), 11); // waited longer: sorts first
            assertThat(ids()).containsExactly(4L, 1L, 2L, 3L);
            assertThat(selectedId()).isEqualTo(2);
            assertThat(view.selectedIndex()).isEqualTo(2);
        }

        @Test
        void theCursorStaysOnItsHandoffWhenThatHandoffChanges() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20));
            view.moveBy(1);
            view.applyChange(with(pending(2, "Bob", 20), Status.IN_PROGRESS, "alice", 2), 11);
            assertThat(selectedId()).isEqualTo(2);
            assertThat(view.selected().handoff().status()).isEqualTo(Status.IN_PROGRESS);
        }

        @Test
        void whenTheSelectedHandoffIsResolvedTheCursorMovesToTheNextRow() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20), pending(3, "Carol", 30));
            view.moveBy(1);
            view.applyChange(with(pending(2, "Bob", 20), Status.RESOLVED, null, 2), 11);
            assertThat(ids()).containsExactly(1L, 3L);
            assertThat(selectedId()).isEqualTo(3);
        }

        @Test
        void whenTheLastRowLeavesTheCursorMovesToThePreviousOne() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20), pending(3, "Carol", 30));
            view.moveToLast();
            view.applyChange(with(pending(3, "Carol", 30), Status.RESOLVED, null, 2), 11);
            assertThat(selectedId()).isEqualTo(2);
        }

        @Test
        void whenTheNeighboursAlsoLeftTheCursorGoesToTheNearestSurvivor() {
            snapshot(pending(1, "A", 1), pending(2, "B", 2), pending(3, "C", 3), pending(4, "D", 4), pending(5, "E", 5));
            view.moveBy(2); // on 3
            view.togglePause(); // apply three removals as one batch
            view.applyChange(with(pending(3, "C", 3), Status.RESOLVED, null, 2), 11);
            view.applyChange(with(pending(4, "D", 4), Status.RESOLVED, null, 2), 12);
            view.applyChange(with(pending(2, "B", 2), Status.RESOLVED, null, 2), 13);
            view.togglePause();
            assertThat(ids()).containsExactly(1L, 5L);
            assertThat(selectedId()).isEqualTo(5);
        }

        @Test
        void movingIsClampedAtBothEnds() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20));
            view.moveBy(-5);
            assertThat(selectedId()).isEqualTo(1);
            view.moveBy(99);
            assertThat(selectedId()).isEqualTo(2);
            view.moveToFirst();
            assertThat(selectedId()).isEqualTo(1);
        }

        @Test
        void anEmptyQueueHasNoSelectionAndActionsSaySo() {
            snapshot();
            assertThat(view.selected()).isNull();
            assertThat(view.selectedIndex()).isEqualTo(-1);
            assertThat(view.request(OperatorAction.CLAIM, "me")).isEmpty();
            assertThat(view.message().text()).contains("nothing selected");
        }

        @Test
        void theScrollWindowFollowsTheCursor() {
            QueueEntry[] many = new QueueEntry[50];
            for (int i = 0; i < many.length; i++) {
                many[i] = pending(i + 1, "P" + (i + 1), i);
            }
            snapshot(many);
            assertThat(view.scrollTop(10)).isZero();
            view.moveBy(15);
            assertThat(view.scrollTop(10)).isEqualTo(6); // row 15 is the last of the window
            view.moveBy(-12);
            assertThat(view.scrollTop(10)).isEqualTo(3);
            view.moveToLast();
            assertThat(view.scrollTop(10)).isEqualTo(40);
        }
    }

    @Nested
    class Versions {

        @Test
        void anOlderVersionNeverOverwritesANewerOne() {
            snapshot(pending(1, "Alice", 10));
            view.applyChange(with(pending(1, "Alice", 10), Status.IN_PROGRESS, "bob", 3), 11);
            view.applyChange(with(pending(1, "Alice", 10), Status.PENDING, null, 2), 12); // late replay
            assertThat(view.selected().handoff().status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(view.selected().handoff().claimedBy()).isEqualTo("bob");
        }

        @Test
        void aResolvedHandoffIsNotBroughtBackByALateEvent() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20));
            view.applyChange(with(pending(1, "Alice", 10), Status.RESOLVED, null, 3), 11);
            view.applyChange(with(pending(1, "Alice", 10), Status.IN_PROGRESS, "bob", 2), 12);
            assertThat(ids()).containsExactly(2L);
            assertThat(view.counts().get(Status.RESOLVED)).isEqualTo(1);
        }

        @Test
        void theSameChangeTwiceCountsOnce() {
            snapshot(pending(1, "Alice", 10));
            QueueEntry resolved = with(pending(1, "Alice", 10), Status.RESOLVED, null, 2);
            view.applyChange(resolved, 11);
            view.applyChange(resolved, 11);
            assertThat(view.counts().get(Status.RESOLVED)).isEqualTo(1);
            assertThat(view.seq()).isEqualTo(11);
        }
    }

    @Nested
    class FilterAndSort {

        @BeforeEach
        void queue() {
            snapshot(
                    Entries.withSummary(pending(1, "Alice", 10), "Alice Martin", "Refund for order 881", "billing"),
                    Entries.withSummary(pending(2, "Bob", 20), "Bob Stone", "Parcel never arrived", "orders"),
                    Entries.withSummary(entry(3, "Carol", Status.IN_PROGRESS, "dana", 30, 1), "carol king",
                            "Wants a human for the refund", "asks_for_human"));
        }

        @Test
        void theFilterMatchesNamePhoneReasonAndSummaryIgnoringCase() {
            view.startFilter();
            view.typeFilter("REFUND");
            assertThat(ids()).containsExactly(1L, 3L);
            view.commitFilter();
            assertThat(ids()).containsExactly(1L, 3L);

            filter("stone");
            assertThat(ids()).containsExactly(2L);
            filter("0002"); // phone +15550000002
            assertThat(ids()).containsExactly(2L);
            filter("asks_for");
            assertThat(ids()).containsExactly(3L);
        }

        private void filter(String text) {
            view.startFilter();
            while (!view.filterDraft().isEmpty()) {
                view.backspaceFilter();
            }
            view.typeFilter(text);
            view.commitFilter();
        }

        @Test
        void filteringOutTheSelectedRowMovesTheCursorToItsNearestNeighbour() {
            view.moveBy(1); // Bob
            view.startFilter();
            view.typeFilter("refund");
            assertThat(selectedId()).isEqualTo(3); // the next row that survived
        }

        @Test
        void escCancelsTheFilterBeingTypedAndKeepsThePreviousOne() {
            filter("bob");
            view.startFilter();
            view.typeFilter("xyz");
            assertThat(ids()).isEmpty();
            view.cancelFilter();
            assertThat(view.effectiveFilter()).isEqualTo("bob");
            assertThat(ids()).containsExactly(2L);
            view.clearFilter();
            assertThat(ids()).containsExactly(1L, 2L, 3L);
        }

        @Test
        void countsCoverTheWholeQueueNotOnlyTheFilteredRows() {
            filter("bob");
            assertThat(view.counts()).containsEntry(Status.PENDING, 2).containsEntry(Status.IN_PROGRESS, 1);
        }

        @Test
        void sortCyclesOldestNewestStatusNameAndBack() {
            assertThat(view.sort()).isEqualTo(SortOrder.OLDEST);
            assertThat(ids()).containsExactly(1L, 2L, 3L);
            view.cycleSort();
            assertThat(view.sort()).isEqualTo(SortOrder.NEWEST);
            assertThat(ids()).containsExactly(3L, 2L, 1L);
            view.applyChange(pending(4, "aaron", 40), 11);
            view.cycleSort();
            assertThat(view.sort()).isEqualTo(SortOrder.STATUS);
            assertThat(ids()).containsExactly(1L, 2L, 4L, 3L); // Pending (oldest first), then In progress
            view.cycleSort();
            assertThat(view.sort()).isEqualTo(SortOrder.NAME);
            assertThat(ids()).containsExactly(4L, 1L, 2L, 3L); // aaron, Alice, Bob, carol: case-insensitive
            view.cycleSort();
            assertThat(view.sort()).isEqualTo(SortOrder.OLDEST);
        }

        @Test
        void sortingKeepsTheCursorOnItsHandoff() {
            view.moveBy(2); // Carol
            view.cycleSort();
            assertThat(selectedId()).isEqualTo(3);
            assertThat(view.selectedIndex()).isZero();
        }
    }

    @Nested
    class Highlights {

        @Test
        void onlyPendingHandoffsArrivingAfterTheSnapshotAreHighlighted() {
            snapshot(pending(1, "Alice", 10));
            assertThat(view.isHighlighted(1)).isFalse();
            view.applyChange(pending(2, "Bob", 20), 11);
            view.applyChange(entry(3, "Carol", Status.IN_PROGRESS, "dana", 30, 1), 12);
            assertThat(view.isHighlighted(2)).isTrue();
            assertThat(view.isHighlighted(3)).isFalse();
            assertThat(view.takeNewArrivals()).isEqualTo(1);
            assertThat(view.takeNewArrivals()).isZero();
        }

        @Test
        void theHighlightEndsWhenTheCursorVisitsTheRow() {
            snapshot(pending(1, "Alice", 10));
            view.applyChange(pending(2, "Bob", 20), 11);
            view.moveBy(1);
            assertThat(view.isHighlighted(2)).isFalse();
        }

        @Test
        void theHighlightEndsAfterItsTime() {
            snapshot(pending(1, "Alice", 10));
            view.applyChange(pending(2, "Bob", 20), 11);
            clock.advance(Duration.ofSeconds(29));
            assertThat(view.isHighlighted(2)).isTrue();
            clock.advance(Duration.ofSeconds(2));
            assertThat(view.isHighlighted(2)).isFalse();
            view.tick();
            assertThat(view.isHighlighted(2)).isFalse();
        }

        @Test
        void aClaimEndsTheHighlight() {
            snapshot(pending(1, "Alice", 10));
            view.applyChange(pending(2, "Bob", 20), 11);
            view.applyChange(with(pending(2, "Bob", 20), Status.IN_PROGRESS, "carl", 2), 12);
            assertThat(view.isHighlighted(2)).isFalse();
        }
    }

    @Nested
    class Pause {

        @Test
        void pausedTheListIsFrozenAndChangesAreCountedThenAppliedInOrder() {
            snapshot(pending(1, "Alice", 10), pending(2, "Bob", 20));
            view.togglePause();
            assertThat(view.paused()).isTrue();
            view.applyChange(pending(3, "Carol", 30), 11);
            view.applyChange(with(pending(1, "Alice", 10), Status.IN_PROGRESS, "bob", 2), 12);
            view.applyChange(with(pending(1, "Alice", 10), Status.RESOLVED, null, 3), 13);
            assertThat(ids()).containsExactly(1L, 2L);
            assertThat(view.selected().handoff().status()).isEqualTo(Status.PENDING);
            assertThat(view.bufferedChanges()).isEqualTo(3);

            view.togglePause();
            assertThat(view.paused()).isFalse();
            assertThat(view.bufferedChanges()).isZero();
            assertThat(ids()).containsExactly(2L, 3L);
            assertThat(view.counts().get(Status.RESOLVED)).isEqualTo(1);
            assertThat(view.seq()).isEqualTo(13);
        }

        @Test
        void aSnapshotArrivingWhilePausedWaitsToo() {
            view.togglePause();
            snapshot(pending(1, "Alice", 10));
            assertThat(view.loaded()).isFalse();
            assertThat(ids()).isEmpty();
            view.togglePause();
            assertThat(ids()).containsExactly(1L);
        }
    }

    @Nested
    class OperatorActions {

        @BeforeEach
        void queue() {
            snapshot(pending(1, "Alice", 10), entry(2, "Bob", Status.IN_PROGRESS, "bob", 20, 1));
        }

        @Test
        void claimingAPendingHandoffIsAllowed() {
            Optional<OperatorAction.Request> r = view.request(OperatorAction.CLAIM, "me");
            // with the received_at of the row on screen, which the inbox checks against the id
            assertThat(r).contains(new OperatorAction.Request(OperatorAction.CLAIM, 1, view.rows().get(0).handoff().receivedAt()));
            assertThat(r.get().receivedAt()).isNotNull();
            assertThat(view.message().error()).isFalse();
            assertThat(view.message().text()).contains("claiming #1 (Alice)");
        }

        @Test
        void claimingAHandoffInProgressIsRefusedLocallyNamingWhoHoldsIt() {
            view.moveBy(1);
            assertThat(view.request(OperatorAction.CLAIM, "me")).isEmpty();
            assertThat(view.message().error()).isTrue();
            assertThat(view.message().text()).isEqualTo("cannot claim #2: In progress, claimed by bob (Bob)");
        }

        @Test
        void releasingAPendingHandoffIsRefusedAndReleasingOneInProgressIsAllowed() {
            assertThat(view.request(OperatorAction.RELEASE, "me")).isEmpty();
            assertThat(view.message().text()).contains("cannot release #1", "Pending");
            view.moveBy(1);
            assertThat(view.request(OperatorAction.RELEASE, "me")).isPresent();
        }

        @Test
        void resolvingIsAllowedFromPendingAndFromInProgress() {
            assertThat(view.request(OperatorAction.RESOLVE, "me")).isPresent();
            view.moveBy(1);
            assertThat(view.request(OperatorAction.RESOLVE, "me")).isPresent();
        }

        @Test
        void theServersRefusalIsShownInTheStatusLine() {
            OperatorAction.Request r = view.request(OperatorAction.CLAIM, "me").orElseThrow();
            view.actionFailed(r, HandoffException.conflict("already claimed by carol", null));
            assertThat(view.message().error()).isTrue();
            assertThat(view.message().text()).isEqualTo("claim #1 refused: already claimed by carol (Alice)");
            assertThat(view.selected().handoff().status()).isEqualTo(Status.PENDING);
        }

        @Test
        void aNetworkFailureIsReportedAsAFailureNotARefusal() {
            OperatorAction.Request r = view.request(OperatorAction.RESOLVE, "me").orElseThrow();
            view.actionFailed(r, HandoffException.remote("cannot reach http://127.0.0.1:8787/api/handoffs/1/resolve: Connection refused", null, null));
            assertThat(view.message().text()).isEqualTo(
                    "resolve #1 failed: cannot reach http://127.0.0.1:8787/api/handoffs/1/resolve: Connection refused (Alice)");
            assertThat(view.rows()).hasSize(2);
        }

        @Test
        void aFailureThatCameWithALostConnectionIsClearedWhenTheSourceIsLiveAgain() {
            view.setConnection(new ConnectionState.Live(T0));
            OperatorAction.Request r = view.request(OperatorAction.RESOLVE, "me").orElseThrow();
            view.setConnection(new ConnectionState.Reconnecting(T0.plusSeconds(1), "connection refused"));
            view.actionFailed(r, HandoffException.remote("cannot reach http://127.0.0.1:8787/: Connection refused", null, null));
            view.setConnection(new ConnectionState.Reconnecting(T0.plusSeconds(1), "connection refused"));
            assertThat(view.message().text()).startsWith("resolve #1 failed:");

            view.setConnection(new ConnectionState.Live(T0.plusSeconds(5)));
            assertThat(view.message()).isNull();
        }

        @Test
        void aRefusalOrANoticeOutlivesAReconnectBecauseItIsStillTrue() {
            view.setConnection(new ConnectionState.Stale(T0, "timeout"));
            OperatorAction.Request r = view.request(OperatorAction.CLAIM, "me").orElseThrow();
            view.actionFailed(r, HandoffException.conflict("already claimed by carol", null));
            view.setConnection(new ConnectionState.Live(T0.plusSeconds(5)));
            assertThat(view.message().text()).isEqualTo("claim #1 refused: already claimed by carol (Alice)");

            view.setConnection(new ConnectionState.Stale(T0.plusSeconds(6), "timeout"));
            view.setMessage("opened the WhatsApp chat of #1", false);
            view.setConnection(new ConnectionState.Live(T0.plusSeconds(9)));
            assertThat(view.message().text()).isEqualTo("opened the WhatsApp chat of #1");
        }

        @Test
        void theServersAnswerIsAppliedAtOnceEvenWhilePaused() {
            OperatorAction.Request r = view.request(OperatorAction.CLAIM, "me").orElseThrow();
            view.togglePause();
            view.actionSucceeded(r, with(pending(1, "Alice", 10), Status.IN_PROGRESS, "me", 2));
            assertThat(view.selected().handoff().claimedBy()).isEqualTo("me");
            assertThat(view.message().text()).isEqualTo("claimed #1 (Alice)");
            // the stream's copy of the same change, buffered meanwhile, changes nothing
            view.applyChange(with(pending(1, "Alice", 10), Status.IN_PROGRESS, "me", 2), 11);
            view.togglePause();
            assertThat(view.selected().handoff().claimedBy()).isEqualTo("me");
        }

        @Test
        void resolvingTheSelectedHandoffRemovesItAndMovesTheCursor() {
            OperatorAction.Request r = view.request(OperatorAction.RESOLVE, "me").orElseThrow();
            view.actionSucceeded(r, with(pending(1, "Alice", 10), Status.RESOLVED, null, 2));
            assertThat(ids()).containsExactly(2L);
            assertThat(selectedId()).isEqualTo(2);
            assertThat(view.message().text()).isEqualTo("resolved #1 (Alice)");
        }
    }

    @Test
    void aNewSnapshotKeepsTheCursorOnItsHandoffOrItsNearestNeighbour() {
        snapshot(pending(1, "A", 1), pending(2, "B", 2), pending(3, "C", 3), pending(4, "D", 4));
        view.moveBy(2); // C
        view.applySnapshot(new QueueSource.Snapshot(List.of(pending(4, "D", 4), pending(3, "C", 3), pending(2, "B", 2),
                pending(1, "A", 1)), 20));
        assertThat(selectedId()).isEqualTo(3);
        view.applySnapshot(new QueueSource.Snapshot(List.of(pending(1, "A", 1), pending(2, "B", 2)), 21));
        assertThat(selectedId()).as("C and D gone: B was next-nearest").isEqualTo(2);
    }

    @Test
    void theRowsAlwaysEqualAFreshFilterAndSortWhateverHappened() {
        // the view keeps its rows up to date change by change; compare with the plain computation
        java.util.Random random = new java.util.Random(42);
        java.util.Map<Long, QueueEntry> model = new java.util.HashMap<>();
        java.util.Map<Long, Long> versions = new java.util.HashMap<>();
        String[] names = {"alice", "bob", "carol", "dave", "erin", "frank"};
        for (int step = 0; step < 3000; step++) {
            int op = random.nextInt(10);
            long id = 1 + random.nextInt(60);
            if (op < 5) {
                long v = versions.merge(id, 1L, Long::sum);
                Status st = Status.values()[random.nextInt(3)];
                QueueEntry e = entry(id, names[random.nextInt(names.length)] + id, st, st == Status.IN_PROGRESS ? "op" : null,
                        random.nextInt(50), v);
                view.applyChange(e, step);
                if (st == Status.RESOLVED) {
                    model.remove(id);
                } else {
                    model.put(id, e);
                }
            } else if (op == 5) {
                view.cycleSort();
            } else if (op == 6) {
                if (!view.editingFilter()) {
                    view.startFilter();
                }
                view.typeFilter(String.valueOf("aeiolr0123".charAt(random.nextInt(10))));
            } else if (op == 7) {
                view.backspaceFilter();
            } else if (op == 8) {
                if (random.nextBoolean()) {
                    view.commitFilter();
                } else {
                    view.cancelFilter();
                }
            } else {
                view.moveBy(random.nextInt(7) - 3);
            }
            String needle = view.effectiveFilter().toLowerCase(java.util.Locale.ROOT);
            List<Long> expected = model.values().stream()
                    .filter(e -> needle.isEmpty() || (e.handoff().name() + "\0" + e.handoff().phoneNumber() + "\0"
                            + e.handoff().reason() + "\0" + e.handoff().summary()).toLowerCase(java.util.Locale.ROOT).contains(needle))
                    .sorted(view.sort().comparator())
                    .map(QueueEntry::id).toList();
            assertThat(ids()).as("step %d", step).isEqualTo(expected);
            if (!expected.isEmpty()) {
                assertThat(view.selectedIndex()).as("step %d: the cursor is on a shown row", step).isBetween(0, expected.size() - 1);
            }
            assertThat(view.counts().get(Status.PENDING) + view.counts().get(Status.IN_PROGRESS)).isEqualTo(model.size());
        }
    }

    @Test
    void panesToggle() {
        assertThat(view.detailOpen()).isFalse();
        view.toggleDetail();
        assertThat(view.detailOpen()).isTrue();
        view.toggleHelp();
        assertThat(view.helpOpen()).isTrue();
        view.toggleHelp();
        assertThat(view.helpOpen()).isFalse();
    }

    @Test
    void everyOperatorTransitionFollowsStatusCanMoveTo() {
        for (Status from : List.of(Status.PENDING, Status.IN_PROGRESS)) {
            for (OperatorAction action : OperatorAction.values()) {
                QueueView v = new QueueView(clock, Duration.ofSeconds(30));
                v.applySnapshot(new QueueSource.Snapshot(List.of(entry(1, "X", from, "bob", 1, 1)), 1));
                assertThat(v.request(action, "me").isPresent())
                        .as("%s from %s", action, from)
                        .isEqualTo(from.canMoveTo(action.target()));
            }
        }
    }
}
