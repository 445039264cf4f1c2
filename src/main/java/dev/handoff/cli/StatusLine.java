package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * One self-overwriting progress line on stderr, redrawn at most four times a second. Callers
 * create it only on a terminal, over {@code BaseCommand.progressErr()} (the command's stderr
 * would show its carriage return and erase-line as escapes); stdout never sees it.
 */
final class StatusLine {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private long lastPrint = System.nanoTime() - INTERVAL_NANOS;
    private boolean shown;

    StatusLine(PrintWriter err) {
        this.err = err;
    }

    /** Redraws the line with {@code text} unless it was drawn less than a quarter second ago. */
    void show(Supplier<String> text) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        // the text may name a file: escaped, as stderr's other lines are (this writer does not)
        err.print("\r" + dev.handoff.text.Invisible.escaped(text.get()) + "\u001b[K");
        err.flush();
        shown = true;
    }

    /** Whether this process's stderr is a terminal. */
    static boolean stderrIsTerminal() {
        return CliContext.isTerminal(2);
    }

    void clear() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }
}
