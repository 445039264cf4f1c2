package dev.handoff.tui;

import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.LineDisciplineTerminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A terminal for tests: JLine's line discipline on one side (what the UI talks to) and JLine's
 * VT100 emulator ({@link ScreenTerminal}, the one behind its tmux) on the other, so that tests
 * read the screen as a person would see it, after every escape sequence was applied.
 */
final class VirtualScreen implements AutoCloseable {

    private final ScreenTerminal screen;
    private final LineDisciplineTerminal terminal;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private volatile int rows;

    VirtualScreen(int columns, int rows) throws IOException {
        this.rows = rows;
        screen = new ScreenTerminal(columns, rows);
        terminal = new LineDisciplineTerminal("test", "xterm-256color", new Utf8ToScreen(), StandardCharsets.UTF_8);
        terminal.setSize(new Size(columns, rows));
    }

    Terminal terminal() {
        return terminal;
    }

    void type(String keys) throws IOException {
        terminal.processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
    }

    void resize(int columns, int rows) {
        screen.setSize(columns, rows);
        this.rows = rows;
        terminal.setSize(new Size(columns, rows));
        terminal.raise(Terminal.Signal.WINCH);
    }

    /** The screen's text, one string per row, trailing blanks removed. */
    List<String> lines() {
        String text;
        synchronized (screen) { // ScreenTerminal.write holds this lock; its toString does not take it
            text = screen.toString();
        }
        List<String> shown = new java.util.ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (shown.size() < rows) {
            shown.add("");
        }
        return shown.subList(0, rows);
    }

    String text() {
        return String.join("\n", lines());
    }

    /** Everything the UI wrote, escape sequences included. */
    synchronized String output() {
        return raw.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the screen satisfies the condition; fails with the screen when it does not in time. */
    String await(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = text();
        while (!condition.test(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("screen never showed " + what + "; it shows:\n" + text);
            }
            Thread.sleep(10);
            text = text();
        }
        return text;
    }

    String awaitText(String expected) throws InterruptedException {
        return await(t -> t.contains(expected), "'" + expected + "'");
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    /**
     * Bytes from the terminal to the emulator, decoded as UTF-8 across writes, and handed to the
     * emulator only when the terminal flushes: the UI flushes once per redraw, so a test never reads
     * a frame half drawn (it did, byte by byte, and a loaded machine could stop the UI thread
     * between a line the test waited for and one it asserted next).
     */
    private final class Utf8ToScreen extends OutputStream {
        private final byte[] pending = new byte[4];
        private final StringBuilder unflushed = new StringBuilder();
        private int have;
        private int need;

        @Override
        public void flush() {
            if (unflushed.length() > 0) {
                screen.write(unflushed);
                unflushed.setLength(0);
            }
        }

        @Override
        public void write(int b) {
            synchronized (VirtualScreen.this) {
                raw.write(b);
            }
            if (need == 0) {
                if ((b & 0x80) == 0) {
                    unflushed.append((char) b);
                    return;
                }
                need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
                have = 0;
            }
            pending[have++] = (byte) b;
            if (have == need) {
                unflushed.append(new String(pending, 0, have, StandardCharsets.UTF_8));
                need = 0;
            }
        }
    }
}
