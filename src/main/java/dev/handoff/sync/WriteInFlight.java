package dev.handoff.sync;

import dev.handoff.text.Invisible;

import java.io.PrintWriter;

/**
 * While a write to the remote is in flight, an interrupt (Ctrl-C, SIGTERM) would end the run
 * silently, and the user could not tell whether the server applied it. For that time a shutdown
 * hook is registered that says so in one line on stderr; the exit code stays the signal's (130
 * for Ctrl-C). The hook is removed as soon as the write returns, however it returns.
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

    private WriteInFlight(Hooks hooks, Thread hook) {
        this.hooks = hooks;
        this.hook = hook;
    }

    /**
     * @param location the URL written to (it never carries credentials: such a URL is refused when the remote is opened)
     * @param target   the target's name, for the command that tells what the remote holds now
     */
    static WriteInFlight start(Hooks hooks, PrintWriter err, String location, String target) {
        String line = message(location, target);
        Thread hook = new Thread(() -> {
            err.println(line);
            err.flush();
        }, "handoff-write-interrupted");
        hooks.add(hook);
        return new WriteInFlight(hooks, hook);
    }

    /** The line an interrupt during the write prints. */
    static String message(String location, String target) {
        return "handoff: interrupted during the write to " + Invisible.escaped(location) + ": it may have been applied; run 'handoff diff"
                + (target == null ? "" : " --target " + Invisible.escaped(target)) + "' to see";
    }

    @Override
    public void close() {
        hooks.remove(hook);
    }
}
