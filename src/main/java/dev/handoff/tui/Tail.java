package dev.handoff.tui;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/** The three ways {@code handoff tail} runs: full screen, JSON lines, and the one-shot {@code --once}. */
public final class Tail {

    /**
     * JLine logs through java.util.logging: a TERM without a terminfo entry here (xterm-kitty,
     * ghostty, wezterm over ssh) printed ten lines of Java stack trace before the queue. Such a TERM
     * gets JSON lines with one plain line instead ({@link #whyNoFullScreen}), and --once needs no
     * terminfo, so nothing is lost by keeping JLine quiet. Held here: a logger nobody references may
     * be collected and come back with its default level.
     */
    private static final java.util.logging.Logger JLINE_LOG = java.util.logging.Logger.getLogger("org.jline");

    static {
        JLINE_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private Tail() {
    }

    /** {@code --once} on a terminal: a plain table of the current queue. */
    public static void printTable(QueueSource source, TailSettings settings, PrintWriter out, int width, Clock clock) {
        QueueView view = new QueueView(clock, Duration.ZERO);
        view.applySnapshot(source.snapshot());
        QueueScreen screen = new QueueScreen(settings, source.describe());
        var rows = view.rows();
        for (String line : screen.table(rows, width, clock.instant())) {
            out.println(line);
        }
        // cut like the rows: a footer wider than the terminal wrapped under a table that fits
        out.println(Cells.cut(rows.isEmpty() ? "no handoffs waiting (" + source.describe() + ")"
                : rows.size() + (rows.size() == 1 ? " handoff" : " handoffs") + " (" + source.describe() + ")", width));
        out.flush();
    }

    /**
     * Why the full-screen view cannot run on a terminal of this type, or null when it can. A dumb
     * terminal (TERM=dumb or dumb-color: Emacs' shell buffer, CI consoles) has no cursor addressing
     * and no raw mode: the view came out as a stream of escape codes and q waited for Enter. Such a
     * terminal gets what a pipe gets, JSON lines, and this sentence on stderr.
     */
    public static String whyNoFullScreen(String term) {
        String type = term == null ? "" : term.strip();
        if (type.equals(Terminal.TYPE_DUMB) || type.equals(Terminal.TYPE_DUMB_COLOR)) {
            return "TERM=" + type + " cannot show the full-screen view; following as JSON lines instead"
                    + " (--once prints the queue as a table)";
        }
        if (!type.isEmpty() && !knownTerminal(type)) {
            // without a terminfo entry JLine draws with guesses: rows ran together, no alternate screen
            return "TERM=" + type + " has no terminfo entry on this machine, which the full-screen view needs; following as"
                    + " JSON lines instead (--once prints the queue as a table; TERM=xterm-256color often works)";
        }
        return null;
    }

    /** JLine's own descriptions of common terminals, else the system's terminfo (infocmp). */
    private static boolean knownTerminal(String type) {
        if (org.jline.utils.InfoCmp.getLoadedInfoCmp(type) != null) {
            return true;
        }
        try {
            String entry = org.jline.utils.InfoCmp.getInfoCmp(type);
            return entry != null && !entry.isBlank();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true; // not ours to decide now
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * The full-screen UI on the process's terminal; the terminal is restored however it ends.
     *
     * @return true when Ctrl-C (the key or SIGINT) ended it: the command exits 130, after the terminal was restored
     */
    public static boolean fullScreen(QueueSource source, TailSettings settings, LinkOpener opener, Clock clock) throws IOException {
        try (Terminal terminal = systemTerminal().name("handoff tail").build()) {
            TailSettings effective = Terminal.TYPE_DUMB.equals(terminal.getType())
                    || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                    ? new TailSettings(settings.operator(), settings.maskDigits(), settings.bell(), settings.warnAfter(),
                    settings.alertAfter(), settings.highlightFor(), settings.color(), false, settings.zone())
                    : settings;
            // SIGTERM and the like skip finally blocks: TailUi's own shutdown hook (ScreenMode.close) gives the terminal back;
            // a second hook here wrote the same sequences at the same time, interleaved, and left the alternate screen on
            return new TailUi(terminal, source, new QueueView(clock, effective.highlightFor()), effective, opener).run();
        }
    }

    /**
     * The process's terminal through {@code stty} first: JLine's JNI provider (the default on Java 17
     * to 21) hands the tty back with its speed set to 0 (B0, "hang up" on a serial line) and a junk
     * line discipline, because its terminal attributes carry no speed. Where there is no
     * {@code stty} (Windows), the native providers take over.
     */
    static TerminalBuilder systemTerminal() {
        return TerminalBuilder.builder().system(true).providers(PROVIDERS);
    }

    static final String PROVIDERS = "exec,ffm,jni";

    /**
     * Width for the --once table: $COLUMNS, else the terminal's, else 120. Any width is taken, as
     * the live view takes it: below 20 columns the table fell back to 120 and every row wrapped.
     */
    public static int tableWidth(String columnsEnv) {
        if (columnsEnv != null) {
            try {
                int c = Integer.parseInt(columnsEnv.trim());
                if (c >= 1) {
                    return c;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        int w;
        try (Terminal t = systemTerminal().dumb(true).build()) {
            w = t.getWidth();
        } catch (IOException | RuntimeException e) {
            w = 0;
        }
        if (w < 1) {
            w = stdoutTerminalWidth();
        }
        return w >= 1 ? w : 120;
    }

    /**
     * The width of the terminal stdout writes to, asked of {@code stty} on that terminal: JLine asks
     * stdin's, which {@code </dev/null} (cron, nohup) leaves without one. 0 when unknown.
     */
    private static int stdoutTerminalWidth() {
        try {
            java.nio.file.Path tty = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1"));
            if (!tty.toString().startsWith("/dev/pts/") && !tty.toString().startsWith("/dev/tty")) {
                return 0;
            }
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroy();
                return 0;
            }
            String[] rowsColumns = size.split("\\s+");
            return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
