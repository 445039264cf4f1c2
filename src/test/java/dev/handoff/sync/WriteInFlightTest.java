package dev.handoff.sync;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shutdown hook that an interrupt during a remote write runs: registered for the write only, and what it says. */
class WriteInFlightTest {

    /** Hooks as the runtime keeps them, for the test to look at and run. */
    private static final class RecordedHooks implements WriteInFlight.Hooks {
        final List<Thread> registered = new ArrayList<>();

        @Override
        public void add(Thread hook) {
            registered.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            registered.remove(hook);
        }
    }

    @Test
    void anInterruptDuringTheWriteSaysItMayHaveBeenAppliedAndWhatToRun() throws Exception {
        RecordedHooks hooks = new RecordedHooks();
        StringWriter err = new StringWriter();
        String url = "https://app.quickchat.ai/v1/api/human_handoff/configuration";

        try (WriteInFlight inFlight = WriteInFlight.start(hooks, new PrintWriter(err), url, "support")) {
            assertThat(hooks.registered).as("registered while the write is in flight").hasSize(1);
            Thread hook = hooks.registered.get(0);
            hook.start(); // what the JVM does on SIGINT or SIGTERM
            hook.join();
        }

        assertThat(err.toString()).isEqualTo("handoff: interrupted during the write to " + url
                + ": it may have been applied; run 'handoff diff --target support' to see" + System.lineSeparator());
        assertThat(hooks.registered).as("removed once the write returned").isEmpty();
    }

    @Test
    void onceTheWriteWasAnsweredAnInterruptSaysItWasAppliedAndCloseIsOnce() throws Exception {
        RecordedHooks hooks = new RecordedHooks();
        StringWriter err = new StringWriter();
        String url = "https://api.plugit.chat/v2/agents";

        WriteInFlight inFlight = WriteInFlight.start(hooks, new PrintWriter(err), url, "sales");
        inFlight.applied();
        Thread hook = hooks.registered.get(0);
        hook.start();
        hook.join();
        inFlight.close();
        inFlight.close();

        assertThat(err.toString()).isEqualTo("handoff: interrupted after the write to " + url + ": it was applied, but not yet"
                + " recorded locally; run 'handoff diff --target sales' to see" + System.lineSeparator());
        assertThat(hooks.registered).isEmpty();
    }

    @Test
    void theHookIsRemovedWhenTheWriteFailsToo() {
        RecordedHooks hooks = new RecordedHooks();
        try (WriteInFlight inFlight = WriteInFlight.start(hooks, new PrintWriter(new StringWriter()), "http://127.0.0.1:1/x", "t")) {
            throw new IllegalStateException("refused");
        } catch (IllegalStateException expected) {
            // the write's own error goes on as before
        }
        assertThat(hooks.registered).isEmpty();
    }

    @Test
    void aTargetNameOrUrlCannotPutControlsOnTheTerminal() {
        assertThat(WriteInFlight.message("http://h/\u001B]0;x\u0007", "a\u001B[2Jb"))
                .doesNotContain("\u001B").doesNotContain("\u0007").contains("\\u001B");
    }

    @Test
    void theRuntimesHookIsRegisteredAndRemoved() {
        Thread hook = new Thread(() -> { });
        WriteInFlight.RUNTIME.add(hook);
        WriteInFlight.RUNTIME.remove(hook);
        // removed: registering it again is allowed (a hook registered twice throws)
        WriteInFlight.RUNTIME.add(hook);
        WriteInFlight.RUNTIME.remove(hook);
    }
}
