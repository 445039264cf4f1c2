package dev.handoff.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The command line's stdout for people (reports, diffs, findings, notes). Like stderr's
 * {@link EscapingWriter}, every control character and text-direction mark of what is printed
 * reaches the terminal as a visible escape ({@code \u001B}), whatever it quotes: a name from a
 * server, a key from a file, a file name. A {@link Styled} report is printed as it is: its text was
 * escaped when it was built, and its colour codes are handoff's own.
 *
 * <p>Output for programs (fetch --stdout, -o json, JSON lines, completion scripts) is written to
 * the same target through another writer, byte for byte.
 */
public final class TerminalWriter extends PrintWriter {

    private final Writer target;

    /** @param target where the text goes (the redacting writer of stdout), shared with the writer for programs */
    public TerminalWriter(Writer target) {
        super(new EscapingWriter(target), true);
        this.target = target;
    }

    public void print(Styled styled) {
        synchronized (lock) {
            try {
                target.write(styled.toString());
            } catch (IOException e) {
                setError();
            }
        }
    }

    public void println(Styled styled) {
        synchronized (lock) {
            print(styled);
            println();
        }
    }

    /** A {@link Styled} passed as an Object keeps its colours; anything else is escaped. */
    @Override
    public void print(Object obj) {
        if (obj instanceof Styled styled) {
            print(styled);
        } else {
            super.print(obj);
        }
    }

    @Override
    public void println(Object obj) {
        if (obj instanceof Styled styled) {
            println(styled);
        } else {
            super.println(obj);
        }
    }
}
