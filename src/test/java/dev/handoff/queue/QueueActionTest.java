package dev.handoff.queue;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class QueueActionTest {

    private static final Instant T0 = Instant.parse("2025-09-19T12:34:56Z");
    private static final Instant T1 = Instant.parse("2025-09-19T12:40:00Z");

    private static Handoff handoff(Status status, String claimedBy) {
        return new Handoff(7, "agt_123", "crm-42", "Jane Doe", "+15551234567", "summary", "reason", T0, T0, status,
                claimedBy, T0, 3);
    }

    @Test
    void claimTakesAPendingHandoffForOneOperator() {
        var outcome = QueueAction.CLAIM.apply(handoff(Status.PENDING, null), "alice", T1);
        assertThat(outcome).isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> {
            assertThat(c.next().status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(c.next().claimedBy()).isEqualTo("alice");
            assertThat(c.next().version()).isEqualTo(4);
            assertThat(c.next().updatedAt()).isEqualTo(T1);
            assertThat(c.next().createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void claimByTheHolderChangesNothingAndByAnotherIsRefusedNamingTheHolder() {
        Handoff held = handoff(Status.IN_PROGRESS, "alice");
        assertThat(QueueAction.CLAIM.apply(held, "alice", T1)).isEqualTo(new QueueAction.Outcome.Unchanged(held));
        assertThat(QueueAction.CLAIM.apply(held, "bob", T1))
                .isEqualTo(new QueueAction.Outcome.Refused("already claimed", "alice", held));
    }

    @Test
    void releaseOnlyByTheHolder() {
        Handoff held = handoff(Status.IN_PROGRESS, "alice");
        assertThat(QueueAction.RELEASE.apply(held, "alice", T1)).isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> {
            assertThat(c.next().status()).isEqualTo(Status.PENDING);
            assertThat(c.next().claimedBy()).isNull();
        });
        assertThat(QueueAction.RELEASE.apply(held, "bob", T1))
                .isEqualTo(new QueueAction.Outcome.Refused("already claimed", "alice", held));
    }

    @Test
    void aRetriedReleaseOrResolveWhoseAnswerWasLostChangesNothingInsteadOfLookingLikeAConflict() {
        // the inbox keeps no record of who released a handoff: a pending one is what a release asks for
        Handoff pending = handoff(Status.PENDING, null);
        assertThat(QueueAction.RELEASE.apply(pending, "alice", T1)).isEqualTo(new QueueAction.Outcome.Unchanged(pending));
        Handoff resolvedByAlice = resolvedBy("alice");
        assertThat(QueueAction.RESOLVE.apply(resolvedByAlice, "alice", T1)).isEqualTo(new QueueAction.Outcome.Unchanged(resolvedByAlice));
    }

    @Test
    void resolvingWhatAnotherOperatorResolvedIsRefusedAndTheRefusalCarriesWhoAndWhen() {
        Handoff resolvedByAlice = resolvedBy("alice");
        assertThat(QueueAction.RESOLVE.apply(resolvedByAlice, "bob", T1)).isInstanceOfSatisfying(QueueAction.Outcome.Refused.class, r -> {
            assertThat(r.error()).isEqualTo("already resolved");
            assertThat(r.current().resolvedBy()).isEqualTo("alice");
            assertThat(r.current().resolvedAt()).isEqualTo(T0);
        });
        // resolved before the inbox kept who resolved it: nobody can tell it was this operator
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.RESOLVED, null), "alice", T1)).isInstanceOf(QueueAction.Outcome.Refused.class);
    }

    private static Handoff resolvedBy(String operator) {
        return new Handoff(7, "agt_123", "crm-42", "Jane Doe", "+15551234567", "summary", "reason", T0, T0, Status.RESOLVED,
                null, T0, 4, operator, T0);
    }

    @Test
    void resolveFromPendingOrByTheHolderAndResolvedIsFinal() {
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.PENDING, null), "bob", T1))
                .isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> assertThat(c.next().status()).isEqualTo(Status.RESOLVED));
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.IN_PROGRESS, "alice"), "alice", T1))
                .isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> assertThat(c.next().claimedBy()).isNull());
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.IN_PROGRESS, "alice"), "bob", T1))
                .isInstanceOfSatisfying(QueueAction.Outcome.Refused.class, r -> {
                    assertThat(r.claimedBy()).isEqualTo("alice");
                    assertThat(r.error()).isEqualTo("already claimed"); // the client adds " by alice"
                });
        Handoff resolved = resolvedBy("bob");
        for (QueueAction action : QueueAction.values()) {
            assertThat(action.apply(resolved, "alice", T1)).isInstanceOf(QueueAction.Outcome.Refused.class);
        }
        assertThat(QueueAction.CLAIM.apply(resolved, "bob", T1)).isInstanceOf(QueueAction.Outcome.Refused.class);
        assertThat(QueueAction.RELEASE.apply(resolved, "bob", T1)).isInstanceOf(QueueAction.Outcome.Refused.class);
    }

    @Test
    void resolvingKeepsWhoResolvedItAndWhenWhileClaimedByNamesNoHolder() {
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.IN_PROGRESS, "alice"), "alice", T1))
                .isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> {
                    assertThat(c.next().claimedBy()).isNull();
                    assertThat(c.next().resolvedBy()).isEqualTo("alice");
                    assertThat(c.next().resolvedAt()).isEqualTo(T1);
                });
        assertThat(QueueAction.RESOLVE.apply(handoff(Status.PENDING, null), "bob", T1))
                .isInstanceOfSatisfying(QueueAction.Outcome.Changed.class, c -> {
                    assertThat(c.next().resolvedBy()).isEqualTo("bob");
                    assertThat(c.next().resolvedAt()).isEqualTo(T1);
                });
        var claimed = QueueAction.CLAIM.apply(handoff(Status.PENDING, null), "alice", T1);
        assertThat(((QueueAction.Outcome.Changed) claimed).next().resolvedBy()).isNull();
        assertThat(((QueueAction.Outcome.Changed) claimed).next().resolvedAt()).isNull();
    }
}
