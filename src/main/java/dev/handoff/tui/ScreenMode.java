package dev.handoff.tui;

import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal's full-screen state and the way back: raw mode without the quit key, the alternate
 * screen, keypad mode and a hidden cursor on {@link #enter()}; exactly the settings found at the start on
 * {@link #leave()}. Ctrl-Z leaves and enters again, so both can happen many times; {@link #close()}
 * leaves for good (a shutdown hook may call it while the UI thread is still running).
 */
final class ScreenMode {

    /** Stops the whole process until it is continued (SIGCONT): the shell's Ctrl-Z and {@code fg}. */
    interface Stopper {
        /** Returns after the process was continued; false when this platform cannot stop it. */
        boolean stopUntilContinued();
    }

    private final Terminal terminal;
    // exactly what was there, to put back: not what raw mode thinks the opposite of raw is
    private final Attributes original;
    private boolean onScreen;
    private boolean closed;

    ScreenMode(Terminal terminal) {
        this.terminal = terminal;
        this.original = new Attributes(terminal.getAttributes());
    }

    /**
     * Raw mode, alternate screen, keypad keys, hidden cursor. Also the repair after a SIGCONT: the
     * shell put its own settings back while the process was stopped, so everything is sent again
     * even when already on screen.
     */
    synchronized void enter() {
        if (closed) {
            return;
        }
        terminal.enterRawMode();
        withoutQuitKey();
        if (!terminal.puts(Capability.enter_ca_mode)) {
            terminal.puts(Capability.clear_screen);
        }
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.writer().flush();
        onScreen = true;
    }

    /**
     * Ctrl-\ is no signal while on screen: raw mode keeps ISIG (Ctrl-C and Ctrl-Z are signals on
     * purpose), so Ctrl-\ sent SIGQUIT, which the JVM answers with a thread dump written over the
     * view, and a Java program cannot catch it. 0 disables the character (stty's "quit undef");
     * {@link #leave()} puts the user's back with the rest.
     */
    private void withoutQuitKey() {
        Attributes raw = terminal.getAttributes();
        raw.setControlChar(Attributes.ControlChar.VQUIT, 0);
        terminal.setAttributes(raw);
    }

    /** Leaves the alternate screen, shows the normal cursor and puts the saved settings back. */
    synchronized void leave() {
        if (!onScreen) {
            return;
        }
        onScreen = false;
        if (!terminal.puts(Capability.exit_ca_mode)) {
            terminal.puts(Capability.clear_screen);
        }
        terminal.puts(Capability.keypad_local);
        // cursor_normal, not cursor_visible: the latter is the "very visible" (blinking) cursor
        terminal.puts(Capability.cursor_normal);
        terminal.writer().flush();
        terminal.setAttributes(original);
    }

    /**
     * Paints a frame while on screen, never during {@link #leave()}: a SIGTERM's shutdown hook leaves the screen
     * while the UI thread may be drawing, and their bytes interleaved left the terminal on the alternate screen.
     */
    synchronized void draw(Runnable paint) {
        if (onScreen) {
            paint.run();
        }
    }

    /** Leaves for good: a later {@link #enter()} (a SIGCONT during shutdown) does nothing. */
    synchronized void close() {
        closed = true;
        leave();
    }

    /**
     * Ctrl-Z: the terminal is given back as it was found, then the process really stops, the way the
     * shell expects (it prints "Stopped" and its prompt on the normal screen). Catching SIGTSTP is
     * what lets the terminal be restored first, so the default action is put back for the stop and
     * the signal raised again. After {@code fg} the screen is entered again; the caller repaints.
     *
     * @return false when the process could not be stopped (the screen is entered again at once)
     */
    boolean suspend(Stopper stopper) {
        leave();
        Terminal.SignalHandler mine = terminal.handle(Terminal.Signal.TSTP, Terminal.SignalHandler.SIG_DFL);
        boolean stopped;
        try {
            stopped = stopper.stopUntilContinued();
        } finally {
            terminal.handle(Terminal.Signal.TSTP, mine);
        }
        enter();
        return stopped;
    }

    /**
     * The real stop: SIGTSTP sent again now that its default action is back. Java cannot raise it
     * itself: sun.misc.Signal.raise refuses a signal without a Java handler ("Unhandled signal"), and
     * with one it only calls the handler. So {@code kill -TSTP} is run on our own pid. The signal is
     * queued before kill exits, and the JVM thread that reaps kill stops the whole process on its way
     * back from the kernel, before waitFor can return: waitFor returns after {@code fg}.
     */
    static boolean stopProcess() {
        try {
            Process kill = new ProcessBuilder("kill", "-TSTP", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
