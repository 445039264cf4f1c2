package dev.handoff.tui;

import dev.handoff.queue.Status;
import org.jline.terminal.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The full-screen UI on a 100x30 virtual terminal, keys in and screen text out: the set-up its tests share. */
abstract class TailUiFixture {

    VirtualScreen vt;
    FakeSource source;
    Thread ui;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final List<String> opened = new CopyOnWriteArrayList<>();
    Attributes before;
    /** Ctrl-Z's stop: a test cannot stop its own JVM, so the default returns at once, as after fg. */
    ScreenMode.Stopper stopper = () -> true;
    /** What run() returned: true when Ctrl-C or SIGINT ended it. */
    final java.util.concurrent.atomic.AtomicReference<Boolean> interrupted = new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        vt = new VirtualScreen(100, 30);
        before = new Attributes(vt.terminal().getAttributes());
        source = new FakeSource(List.of(
                pending(1, "Alice", 10),
                pending(2, "Bob", 20),
                entry(3, "Carol", Status.IN_PROGRESS, "bob", 30, 1)));
    }

    void start(TailSettings settings) throws InterruptedException {
        MutableClock clock = new MutableClock(T0.plusSeconds(3600));
        QueueView view = new QueueView(clock, settings.highlightFor());
        ui = new Thread(() -> {
            try {
                interrupted.set(new TailUi(vt.terminal(), source, view, settings, url -> {
                    opened.add(url);
                    return false;
                }, stopper).run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "ui-under-test");
        ui.start();
        assertThat(source.started.await(5, TimeUnit.SECONDS)).isTrue();
        vt.awaitText("Carol");
    }

    void start() throws InterruptedException {
        start(TailSettings.defaults("alice").withColor(true));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ui != null && ui.isAlive()) {
            vt.type("q");
            ui.join(5000);
        }
        vt.close();
    }

    /** The table row of a handoff, or "" when it is not on screen. */
    String rowOf(String name) {
        return vt.lines().stream()
                .filter(l -> l.matches("[> ][* ](Pending|In progress|In prog) .*") && l.contains(" " + name + " "))
                .findFirst().orElse("");
    }

    void quitAndWait() throws Exception {
        vt.type("q");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
    }
}
