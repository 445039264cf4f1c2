package dev.handoff.secret;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer that masks every secret of a {@link Redactor} before the text reaches the terminal.
 * Text is held until a line ends or the writer is flushed, so a secret written in pieces is still
 * seen whole; a prompt without a newline appears when it is flushed.
 */
public final class RedactingWriter extends Writer {

    private final Writer target;
    private final Redactor redactor;
    private final StringBuilder pending = new StringBuilder();
    private final boolean stdout;

    private RedactingWriter(Writer target, Redactor redactor, boolean stdout) {
        this.target = target;
        this.redactor = redactor;
        this.stdout = stdout;
    }

    /** A PrintWriter (auto-flushing on println, as picocli's are) over {@code target}. */
    public static PrintWriter wrap(Writer target, Redactor redactor) {
        return new PrintWriter(of(target, redactor), true);
    }

    /** The redacting writer itself, for two writers that must share it (stdout for people and for programs). */
    public static Writer of(Writer target, Redactor redactor) {
        return new RedactingWriter(target, redactor, false);
    }

    /** The same for stdout, which a command may declare to hold others' words ({@link Redactor#stdoutHoldsOthersWords}). */
    public static Writer ofStdout(Writer target, Redactor redactor) {
        return new RedactingWriter(target, redactor, true);
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                pending.append(buf, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        pending.append(buf, start, off + len - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
        failIfTargetFailed();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emit() throws IOException {
        if (pending.length() > 0) {
            target.write(stdout ? redactor.redactStdout(pending.toString()) : redactor.redact(pending.toString()));
            pending.setLength(0);
            failIfTargetFailed();
        }
    }

    /**
     * A PrintWriter target keeps quiet about failed writes; passing its error on lets the wrapping
     * PrintWriter's checkError() see a closed pipe or a full disk (tail | head must end).
     */
    private void failIfTargetFailed() throws IOException {
        if (target instanceof PrintWriter p && p.checkError()) {
            throw new IOException("the output could not be written");
        }
    }
}
