package dev.handoff.queue.stats;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAccumulatorTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z"); // a Monday, 09:00 in Berlin
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Handoff at(long id, String reason, String agent, Status status, Instant received, Instant updated, Instant created) {
        return new Handoff(id, agent, null, "n", "+15551234567", "s", reason, created, received, status,
                status == Status.IN_PROGRESS ? "ana" : null, updated, 1);
    }

    @Test
    void handoffsReceivedAfterThisClocksNowCountInEveryWindow() {
        Instant now = T0;
        Instant ahead = T0.plus(Duration.ofSeconds(30)); // received by an inbox host whose clock is ahead of this one
        StatsAccumulator all = new StatsAccumulator(null, now, BERLIN);
        all.accept(at(1, "r", "a", Status.PENDING, T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofHours(1)), null));
        all.accept(at(2, "r", "a", Status.PENDING, ahead, ahead, null));
        assertThat(all.result().arrived()).isEqualTo(2);
        StatsAccumulator window = new StatsAccumulator(T0.minus(Duration.ofDays(1)), now, BERLIN);
        window.accept(at(2, "r", "a", Status.PENDING, ahead, ahead, null));
        assertThat(window.result().arrived()).isEqualTo(1);
    }

    @Test
    void countsReasonsHoursAndTheTeamsTimesByHand() {
        StatsAccumulator acc = new StatsAccumulator(T0.minus(Duration.ofDays(7)), T0.plus(Duration.ofDays(1)), BERLIN);
        Instant r1 = T0;
        Instant r2 = T0.plus(Duration.ofMinutes(30));
        Instant r3 = T0.plus(Duration.ofHours(5));
        Instant old = T0.minus(Duration.ofDays(8));
        // 1: claimed after 2 min, resolved after 10 min
        acc.accept(at(1, "asks_for_human", "agt_a", Status.PENDING, r1, r1, r1));
        // 2: claimed after 6 min, never resolved; delivered 5 min after the platform created it
        acc.accept(at(2, "asks_for_human", "agt_b", Status.PENDING, r2, r2, r2.minus(Duration.ofMinutes(5))));
        acc.accept(at(1, "asks_for_human", "agt_a", Status.IN_PROGRESS, r1, r1.plus(Duration.ofMinutes(2)), r1));
        // 3: resolved from the queue after 20 min without a claim
        acc.accept(at(3, "  ", "agt_a", Status.PENDING, r3, r3, r3));
        acc.accept(at(2, "asks_for_human", "agt_b", Status.IN_PROGRESS, r2, r2.plus(Duration.ofMinutes(6)), r2));
        acc.accept(at(1, "asks_for_human", "agt_a", Status.RESOLVED, r1, r1.plus(Duration.ofMinutes(10)), r1));
        acc.accept(at(3, "  ", "agt_a", Status.RESOLVED, r3, r3.plus(Duration.ofMinutes(20)), r3));
        // outside the window: not counted, nor its later changes
        acc.accept(at(4, "refund", "agt_a", Status.PENDING, old, old, old));
        acc.accept(at(4, "refund", "agt_a", Status.RESOLVED, old, T0, old));

        QueueStats s = acc.result();
        assertThat(s.arrived()).isEqualTo(3);
        assertThat(s.pending()).isZero();
        assertThat(s.inProgress()).isEqualTo(1);
        assertThat(s.resolved()).isEqualTo(2);
        assertThat(s.reasons()).containsExactly(new QueueStats.Count("asks_for_human", 2), new QueueStats.Count("(none)", 1));
        assertThat(s.agents()).containsExactly(new QueueStats.Count("agt_a", 2), new QueueStats.Count("agt_b", 1));
        assertThat(s.byHour()[9]).as("08:00Z and 08:30Z are 09:xx in Berlin").isEqualTo(2);
        assertThat(s.byHour()[14]).isEqualTo(1);
        assertThat(s.byWeekday()[0]).as("all on Monday").isEqualTo(3);
        // claims: 2 min, 6 min -> nearest-rank p50 = 2 min, p90 = 6 min
        assertThat(s.timeToClaim().n()).isEqualTo(2);
        assertThat(s.timeToClaim().p50()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.timeToClaim().p90()).isEqualTo(Duration.ofMinutes(6));
        // resolutions: 10 min, 20 min
        assertThat(s.timeToResolve().p50()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.timeToResolve().max()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.resolvedUnclaimed()).isEqualTo(1);
        assertThat(s.lateDeliveries()).isEqualTo(1);
    }

    @Test
    void nearestRankPercentilesOfTenValues() {
        long[] ms = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        QueueStats.Durations d = QueueStats.Durations.of(ms, ms.length);
        assertThat(d.p50().toMillis()).isEqualTo(5);
        assertThat(d.p90().toMillis()).isEqualTo(9);
        assertThat(d.max().toMillis()).isEqualTo(10);
        assertThat(QueueStats.Durations.of(new long[0], 0).p50()).isNull();
    }
}
