package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** One self-overwriting line on stderr (terminals only): transcripts done, rate, ETA. */
final class Progress {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint;
    private boolean shown;

    /** @param total an estimate of the transcripts to replay, 0 when unknown */
    Progress(PrintWriter err, long total) {
        this.err = err;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder("\rreplay: ").append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            b.append(String.format(Locale.ROOT, "/%,d", Math.max(total, done)));
        }
        b.append(" transcripts · ").append(String.format(Locale.ROOT, "%.0f/s", rate));
        if (total > done && rate > 0) {
            long eta = (long) ((total - done) / rate);
            b.append(" · ETA ").append(eta >= 60 ? eta / 60 + "m " + eta % 60 + "s" : eta + "s");
        }
        b.append("\u001b[K");
        err.print(b);
        err.flush();
        shown = true;
    }

    void clear() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
