package dev.handoff.text;

import java.io.IOException;
import java.io.Writer;

/**
 * The command line's stderr: every character {@link Invisible#escaped} would escape is written as
 * its visible escape, except the line break that ends a line ("\n", and "\r\n"). Warnings, notes,
 * connection states and request logs quote servers' answers and files' bytes in many places; this
 * way none of them can drive the terminal (retitle it, clear it, reorder a line), however it was
 * printed. Whatever must reach the terminal as a control (a progress line's carriage return and
 * erase) is written around this writer, never through it.
 */
public final class EscapingWriter extends Writer {

    private final Writer target;
    /** A '\r' that ended the last write: a line break when the next write starts with '\n'. */
    private boolean pendingReturn;

    public EscapingWriter(Writer target) {
        super(target);
        this.target = target;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        synchronized (lock) {
            StringBuilder sb = new StringBuilder(len + 8);
            int end = off + len;
            for (int i = off; i < end; i++) {
                char c = buf[i];
                if (pendingReturn) {
                    pendingReturn = false;
                    if (c == '\n') {
                        sb.append('\r');
                    } else {
                        Invisible.appendEscape(sb, '\r');
                    }
                }
                if (c == '\n') {
                    sb.append(c);
                } else if (c == '\r') {
                    if (i + 1 < end) {
                        if (buf[i + 1] == '\n') {
                            sb.append(c);
                        } else {
                            Invisible.appendEscape(sb, c);
                        }
                    } else {
                        pendingReturn = true; // "\r\n" may come in two writes
                    }
                } else if (Invisible.needsEscape(c)) {
                    Invisible.appendEscape(sb, c);
                } else {
                    sb.append(c);
                }
            }
            target.write(sb.toString());
            failIfTargetFailed();
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (pendingReturn) {
                pendingReturn = false;
                StringBuilder sb = new StringBuilder();
                Invisible.appendEscape(sb, '\r');
                target.write(sb.toString());
            }
            target.flush();
            failIfTargetFailed();
        }
    }

    /** A PrintWriter keeps quiet about failed writes; the writer above must see them (a closed pipe). */
    private void failIfTargetFailed() throws IOException {
        if (target instanceof java.io.PrintWriter p && p.checkError()) {
            throw new IOException("the output could not be written");
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        target.close();
    }
}
