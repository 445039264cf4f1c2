package dev.handoff.eval;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatisticsTest {

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // reference values: statsmodels proportion_confint(method="wilson")
        Wilson zero = Wilson.of(0, 10);
        assertThat(zero.low()).isEqualTo(0.0);
        assertThat(zero.high()).isCloseTo(0.277533, within(1e-6));
        Wilson half = Wilson.of(5, 10);
        assertThat(half.low()).isCloseTo(0.236593, within(1e-6));
        assertThat(half.high()).isCloseTo(0.763407, within(1e-6));
        assertThat(Wilson.of(0, 0)).isNull();
    }

    @Test
    void shardsAreStableAndRoughlyEven() {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            String id = "t-" + i;
            int owners = 0;
            for (int s = 1; s <= 4; s++) {
                if (new Shard(s, 4).owns(id)) {
                    owners++;
                    sizes.merge(s, 1, Integer::sum);
                }
            }
            assertThat(owners).isEqualTo(1);
        }
        assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
        // pinned: a transcript must keep its shard across versions, or merged CI reports would mix runs
        // (first 8 bytes of SHA-256 as a signed long, computed independently with Python's hashlib)
        assertThat(Shard.hash("hint3-0001")).isEqualTo(-7725618940181310419L);
        assertThat(new Shard(2, 4).owns("hint3-0001")).isTrue();
        assertThat(new Shard(3, 4).owns("t-1")).isTrue();
        assertThat(new Shard(2, 3).toString()).isEqualTo("2/3");
    }

    @Test
    void shardSyntaxIsChecked() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        for (String bad : new String[]{"0/4", "5/4", "x", "1/0", "1/2/3"}) {
            org.junit.jupiter.api.Assertions.assertThrows(dev.handoff.error.HandoffException.class, () -> Shard.parse(bad));
        }
    }

    @Test
    void smallRatesKeepTwoSignificantDigits() {
        assertThat(Format.pct(0.154)).isEqualTo("15.4%");
        assertThat(Format.pct(0.0)).isEqualTo("0.0%");
        assertThat(Format.pct(0.0038)).isEqualTo("0.38%");
        assertThat(Format.interval(Wilson.of(0, 1_000_000))).isEqualTo("0.0–0.00038%");
        assertThat(Format.pct(null)).isEqualTo("-");
    }
}
