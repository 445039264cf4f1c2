package dev.handoff.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompareFormatTest {

    private static Comparison.Row row(double basePrecision, double currentPrecision) {
        return new Comparison.Row("c", new Comparison.Side(1, 1, 0, basePrecision, null, null),
                new Comparison.Side(1, 1, 0, currentPrecision, null, null));
    }

    @Test
    void theDeltaIsTheDifferenceOfTheFiguresShown() {
        // 12.86% and 13.04% differ by 0.18 pp, but read 12.9% and 13.0%: the reader checks +0.1
        assertThat(CompareFormat.rate(row(0.1286, 0.1304), Comparison.Side::precision)).isEqualTo("12.9% → 13.0% (+0.1 pp)");
        assertThat(CompareFormat.rate(row(0.1304, 0.1286), Comparison.Side::precision)).isEqualTo("13.0% → 12.9% (-0.1 pp)");
        assertThat(CompareFormat.rate(row(0.5, 0.25), Comparison.Side::precision)).isEqualTo("50.0% → 25.0% (-25.0 pp)");
        // below 1% two significant digits are shown, and the delta keeps them
        assertThat(CompareFormat.rate(row(0.0038, 0.015), Comparison.Side::precision)).isEqualTo("0.38% → 1.5% (+1.12 pp)");
    }

    @Test
    void figuresThatReadTheSameAreShownOnce() {
        assertThat(CompareFormat.rate(row(0.12861, 0.12864), Comparison.Side::precision)).isEqualTo("12.9%");
    }
}
