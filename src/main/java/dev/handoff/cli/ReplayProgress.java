package dev.handoff.cli;

/** The progress line of replay on stderr. */
final class ReplayProgress {

    private ReplayProgress() {
    }

    /** "replay: 1,200/5,000 transcripts · 2,950 turns · 340/s · ETA 11s"; total 0 when unknown. */
    static String text(long done, long total, long turns, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder("replay: ").append(String.format(java.util.Locale.ROOT, "%,d", done));
        if (total > 0) {
            b.append(String.format(java.util.Locale.ROOT, "/%,d", Math.max(total, done)));
        }
        b.append(" transcripts");
        if (turns > 0) {
            b.append(String.format(java.util.Locale.ROOT, " · %,d turns", turns));
        }
        b.append(" · ").append(String.format(java.util.Locale.ROOT, "%.0f/s", rate));
        // transcripts finish in input order, so the first ones say little about the rest: an ETA
        // only from 5% of the work (at 1 of 101 after 3 s it said 7 minutes for a 10-second run)
        if (total > done && rate > 0 && done * 20 >= total) {
            long eta = (long) ((total - done) / rate);
            b.append(" · ETA ").append(eta >= 60 ? eta / 60 + "m " + eta % 60 + "s" : eta + "s");
        }
        return b.toString();
    }
}
