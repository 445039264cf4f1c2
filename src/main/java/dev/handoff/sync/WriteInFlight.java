package dev.handoff.sync;

import dev.handoff.text.Invisible;

import java.io.PrintWriter;

/**
 * While a write to the remote is in flight, an interrupt (Ctrl-C, SIGTERM) would end the run
 * silently, and the user could not tell whether the server applied it. For that time a shutdown
 * hook is registered that says so in one line on stderr; the exit code stays the signal's (130
 * for Ctrl-C). Once the server answered the write ({@link #applied()}) the line says it was
 * applied, until the run has read the remote back and recorded it (push: the file's new
 * remote_version); the hook is removed then, or as soon as the write fails, however it fails.
 */
final class WriteInFlight implements AutoCloseable {

    /** Where shutdown hooks are registered: the runtime's, or a test's. */
    interface Hooks {
        void add(Thread hook);

        void remove(Thread hook);
    }

    static final Hooks RUNTIME = new Hooks() {
        @Override
        public void add(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void remove(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook runs and says its line
            }
        }
    };

    private final Hooks hooks;
    private final Thread hook;
    private final String appliedLine;
    private volatile String line;
    private boolean closed;

    private WriteInFlight(Hooks hooks, PrintWriter err, String line, String appliedLine) {
        this.hooks = hooks;
        this.line = line;
        this.appliedLine = appliedLine;
        this.hook = new Thread(() -> {
            err.println(this.line);
            err.flush();
        }, "handoff-write-interrupted");
    }

    /**
     * @param location the URL written to (it never carries credentials: such a URL is refused when the remote is opened)
     * @param target   the target's name, for the command that tells what the remote holds now
     */
    static WriteInFlight start(Hooks hooks, PrintWriter err, String location, String target) {
        WriteInFlight inFlight = new WriteInFlight(hooks, err, message(location, target), appliedMessage(location, target));
        hooks.add(inFlight.hook);
        return inFlight;
    }

    /** The server answered the write: from now on an interrupt says it was applied. */
    void applied() {
        line = appliedLine;
    }

    /** The line an interrupt during the write prints. */
    static String message(String location, String target) {
        return "handoff: interrupted during the write to " + Invisible.escaped(location) + ": it may have been applied; run 'handoff diff"
                + (target == null ? "" : " --target " + Invisible.escaped(target)) + "' to see";
    }

    /** The line an interrupt prints once the write was answered, before the run recorded it. */
    static String appliedMessage(String location, String target) {
        return "handoff: interrupted after the write to " + Invisible.escaped(location) + ": it was applied, but not yet recorded"
                + " locally; run 'handoff diff" + (target == null ? "" : " --target " + Invisible.escaped(target)) + "' to see";
    }

    /** Removes the hook; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            hooks.remove(hook);
        }
    }
}
