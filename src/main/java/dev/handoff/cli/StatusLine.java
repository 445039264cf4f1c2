package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One self-overwriting progress line on stderr, redrawn at most four times a second. Callers
 * create it only on a terminal, over {@code BaseCommand.progressErr()} (the command's stderr
 * would show its carriage return and erase-line as escapes); stdout never sees it.
 *
 * <p>A change that comes too soon after the last redraw is drawn when the quarter second is over:
 * skipped outright, the line kept showing the turns of a round and "0 transcripts" while the run
 * waited for its input or the classifier, though the round had finished transcripts.
 */
final class StatusLine {

    private static final long INTERVAL_NANOS = 250_000_000L;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "handoff-status-line");
        t.setDaemon(true);
        return t;
    });

    private final PrintWriter err;
    private long lastPrint = System.nanoTime() - INTERVAL_NANOS;
    private boolean shown;
    private boolean cleared;
    /** The newest text not drawn yet, drawn by {@link #LATER}; null when there is none. */
    private Supplier<String> pending;

    StatusLine(PrintWriter err) {
        this.err = err;
    }

    /** Redraws the line with {@code text}, or a quarter second after the last redraw if that was sooner. */
    synchronized void show(Supplier<String> text) {
        long now = System.nanoTime();
        long since = now - lastPrint;
        if (since < INTERVAL_NANOS) {
            if (pending == null) {
                LATER.schedule(this::drawPending, INTERVAL_NANOS - since, TimeUnit.NANOSECONDS);
            }
            pending = text;
            return;
        }
        draw(text, now);
    }

    private synchronized void drawPending() {
        Supplier<String> text = pending;
        pending = null;
        if (text != null && !cleared) {
            draw(text, System.nanoTime());
        }
    }

    private void draw(Supplier<String> text, long now) {
        lastPrint = now;
        cleared = false;
        // the text may name a file: escaped, as stderr's other lines are (this writer does not)
        err.print("\r" + dev.handoff.text.Invisible.escaped(text.get()) + "\u001b[K");
        err.flush();
        shown = true;
    }

    /** Whether this process's stderr is a terminal. */
    static boolean stderrIsTerminal() {
        return CliContext.isTerminal(2);
    }

    synchronized void clear() {
        pending = null;
        cleared = true;
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
