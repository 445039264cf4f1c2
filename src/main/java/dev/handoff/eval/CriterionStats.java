package dev.handoff.eval;

/** Counts for one criterion; TN and the rates follow from the number of scored transcripts. */
public final class CriterionStats {

    final ReportContext.CriterionInfo info;
    long tp;
    long fp;
    long fn;
    /** Scored transcripts with any of TP, FP, FN for this criterion (so TN = scored - this). */
    long labelled;
    long unlabelledFired;
    final Capped falsePositives = new Capped(Summary.CAP);
    final Capped falseNegatives = new Capped(Summary.CAP);

    CriterionStats(ReportContext.CriterionInfo info) {
        this.info = info;
    }

    public String name() {
        return info.name();
    }

    public ReportContext.CriterionInfo info() {
        return info;
    }

    public long tp() {
        return tp;
    }

    public long fp() {
        return fp;
    }

    public long fn() {
        return fn;
    }

    public long tn(long scored) {
        return scored - labelled;
    }

    public long unlabelledFired() {
        return unlabelledFired;
    }

    public java.util.List<Example> falsePositives() {
        return falsePositives.examples();
    }

    public java.util.List<Example> falseNegatives() {
        return falseNegatives.examples();
    }

    /** TP / (TP + FP), or null when the criterion never fired. */
    public Double precision() {
        return ratio(tp, tp + fp);
    }

    /** TP / (TP + FN), or null when no transcript expected it. */
    public Double recall() {
        return ratio(tp, tp + fn);
    }

    /** FP / (FP + TN), or null when there were no negatives. */
    public Double fpRate(long scored) {
        return ratio(fp, fp + tn(scored));
    }

    public Wilson precisionInterval() {
        return Wilson.of(tp, tp + fp);
    }

    public Wilson recallInterval() {
        return Wilson.of(tp, tp + fn);
    }

    public Wilson fpRateInterval(long scored) {
        return Wilson.of(fp, fp + tn(scored));
    }

    /** Shown in reports: active criteria, and any criterion some transcript was scored on. */
    public boolean shown() {
        return info.active() || labelled > 0;
    }

    private static Double ratio(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }
}
