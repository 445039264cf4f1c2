package dev.handoff.eval;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Cells of the side-by-side tables: "2 → 3 (+1)", "50.0% → 66.7% (+16.7 pp)", the same value once when unchanged. */
final class CompareFormat {

    static final List<String> COLUMNS = List.of("TP", "FP", "FN", "precision", "recall", "FP rate");

    private CompareFormat() {
    }

    /** The six cells of a row, in {@link #COLUMNS} order. */
    static List<String> cells(Comparison.Row r) {
        return List.of(count(r, Comparison.Side::tp), count(r, Comparison.Side::fp), count(r, Comparison.Side::fn),
                rate(r, Comparison.Side::precision), rate(r, Comparison.Side::recall), rate(r, Comparison.Side::fpRate));
    }

    static String count(Comparison.Row r, ToLongFunction<Comparison.Side> f) {
        if (r.base() == null || r.current() == null) {
            return (r.base() == null ? "—" : Long.toString(f.applyAsLong(r.base()))) + " → "
                    + (r.current() == null ? "—" : Long.toString(f.applyAsLong(r.current())));
        }
        long b = f.applyAsLong(r.base());
        long c = f.applyAsLong(r.current());
        return b == c ? Long.toString(c) : b + " → " + c + " (" + (c > b ? "+" : "") + (c - b) + ")";
    }

    static String rate(Comparison.Row r, Function<Comparison.Side, Double> f) {
        Double b = r.base() == null ? null : f.apply(r.base());
        Double c = r.current() == null ? null : f.apply(r.current());
        if (r.base() != null && r.current() != null && Format.pct(b).equals(Format.pct(c))) {
            return Format.pct(c);
        }
        String s = (r.base() == null ? "—" : Format.pct(b)) + " → " + (r.current() == null ? "—" : Format.pct(c));
        if (b != null && c != null) {
            // the difference of the figures shown beside it: 12.86% → 13.04% reads "12.9% → 13.0%", so +0.1 pp, not +0.2
            java.math.BigDecimal pp = new java.math.BigDecimal(Format.number(c * 100)).subtract(new java.math.BigDecimal(Format.number(b * 100)));
            s += " (" + (pp.signum() >= 0 ? "+" : "") + (pp.scale() < 1 ? pp.setScale(1) : pp).toPlainString() + " pp)";
        }
        return s;
    }

    /** "no handoff (FN user_frustration)". */
    static String outcome(Comparison.Outcome o) {
        return o.describe() + (o.errors().isEmpty() ? "" : " (" + String.join(", ", o.errors()) + ")");
    }

    /** "4 transcripts, 4 scored · 1 changed: 1 better, 0 worse". */
    static String headline(Comparison c) {
        Summary s = c.current();
        return Format.plural(s.transcripts(), "transcript") + ", " + s.scored() + " scored"
                + (c.base().scored() != s.scored() ? " (base: " + c.base().scored() + ")" : "")
                + " · " + c.changedTotal() + " changed: " + c.better() + " better, " + c.worse() + " worse";
    }
}
