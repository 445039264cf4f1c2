package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;
import org.jline.terminal.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The full-screen UI on a 100x30 virtual terminal: keys in, screen text out. */
class TailUiTest {

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

    private void start(TailSettings settings) throws InterruptedException {
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

    private void start() throws InterruptedException {
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
    private String rowOf(String name) {
        return vt.lines().stream()
                .filter(l -> l.matches("[> ][* ](Pending|In progress|In prog) .*") && l.contains(" " + name + " "))
                .findFirst().orElse("");
    }

    private void quitAndWait() throws Exception {
        vt.type("q");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
    }

    @Test
    void ctrlCAndSigintEndTheViewAsAnInterruptQDoesNotAndCtrlDIsNoKey() throws Exception {
        start();
        vt.type("\u0004");
        Thread.sleep(300);
        assertThat(ui.isAlive()).as("Ctrl-D does not quit").isTrue();
        quitAndWait();
        assertThat(interrupted.get()).as("q").isFalse();

        start();
        vt.type("/ab\u0003");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(interrupted.get()).as("the Ctrl-C key, also while typing a filter").isTrue();

        interrupted.set(null);
        start();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.INT);
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(interrupted.get()).as("SIGINT").isTrue();
        assertThat(vt.terminal().getAttributes().getLocalFlags()).as("the terminal restored first").isEqualTo(before.getLocalFlags());
    }

    @Test
    void showsTheHeaderTheColumnsAndOneRowPerHandoffOldestFirst() throws Exception {
        start();
        List<String> lines = vt.lines();
        assertThat(lines).hasSize(30);
        assertThat(lines.get(0)).isEqualTo("handoff tail  fake http://127.0.0.1:9/  live");
        assertThat(lines.get(1)).isEqualTo("Pending 2  In progress 1  Resolved 0  |  sort: oldest first");
        // at 100 columns the summary gets the room; the reason is in the detail pane
        assertThat(lines.get(2)).contains("STATUS", "WAITING", "NAME", "PHONE", "SUMMARY", "OPERATOR").doesNotContain("REASON");
        assertThat(lines.get(3)).startsWith("> Pending").contains("50m", "Alice", "+15550000001", "Summary of Alice: wants to talk");
        assertThat(lines.get(4)).startsWith("  Pending").contains("40m", "Bob");
        assertThat(lines.get(5)).startsWith("  In progress").contains("30m", "Carol").endsWith("bob");
        assertThat(lines.subList(6, 29)).allMatch(String::isEmpty);
        assertThat(lines.get(29)).contains("? help", "q quit").endsWith("1/3");
    }

    @Test
    void arrowsAndJkMoveTheCursor() throws Exception {
        start();
        vt.type("j");
        vt.await(t -> rowOf("Bob").startsWith(">"), "the cursor on Bob");
        vt.type("\033[B");
        vt.await(t -> rowOf("Carol").startsWith(">"), "the cursor on Carol");
        assertThat(rowOf("Alice")).startsWith(" ");
        vt.type("k");
        vt.await(t -> rowOf("Bob").startsWith(">"), "the cursor back on Bob");
        vt.type("\033[A");
        vt.await(t -> rowOf("Alice").startsWith(">"), "the cursor back on Alice");
        assertThat(vt.lines().get(29)).endsWith("1/3");
    }

    @Test
    void slashFiltersAsYouTypeEnterKeepsItEscClearsIt() throws Exception {
        start();
        vt.type("/bob");
        vt.await(t -> rowOf("Alice").isEmpty(), "Alice filtered out");
        // Carol is claimed by "bob", but the operator is not searched: name, phone, reason, summary are
        assertThat(rowOf("Carol")).isEmpty();
        assertThat(vt.lines().get(29)).startsWith("/bob_");
        assertThat(rowOf("Bob")).startsWith(">");
        vt.type("\r");
        vt.await(t -> vt.lines().get(1).contains("filter: \"bob\"") && vt.lines().get(29).contains("1/1"),
                "the filter in the header");
        vt.type("\033");
        vt.await(t -> !rowOf("Alice").isEmpty() && !rowOf("Carol").isEmpty(), "all rows back");
        // j and k move the cursor in the table, but in a filter they are letters like any other
        vt.type("/jk");
        vt.await(t -> vt.lines().get(29).startsWith("/jk_"), "j and k typed into the filter");
    }

    @Test
    void enterOpensTheDetailPaneWithTheLinkClickableAndAsText() throws Exception {
        start();
        vt.type("\r");
        String screen = vt.awaitText("-- #1 Alice");
        assertThat(screen).contains(
                "status    Pending",
                "phone     +15550000001",
                "reason    criteria_matched: user_requested_human",
                "created   2025-09-19T12:10:00Z   waiting 50m",
                "agent     agt_123   external crm-42",
                "whatsapp  Open the chat in WhatsApp",
                "https://api.whatsapp.com/send?phone=15550000001&text=Hi%2C%20I%27m%20taking%20over%20your%20request.",
                "summary   Summary of Alice: wants to talk to a person about an order");
        assertThat(vt.output()).contains("\033]8;;https://api.whatsapp.com/send?phone=15550000001&text=");
        vt.type("j");
        vt.awaitText("-- #2 Bob");
        vt.type("\r");
        vt.await(t -> !t.contains("-- #2 Bob"), "the pane closed");
    }

    @Test
    void claimingIsCheckedLocallyAndTheServersRefusalIsShown() throws Exception {
        start();
        vt.type("G");
        vt.await(t -> rowOf("Carol").startsWith(">"), "the cursor on Carol");
        vt.type("c");
        vt.awaitText("cannot claim #3: In progress, claimed by bob (Carol)");
        assertThat(source.calls).isEmpty();

        source.claimRefusal = HandoffException.conflict("already claimed by dana", null);
        vt.type("g");
        vt.await(t -> rowOf("Alice").startsWith(">"), "the cursor on Alice");
        vt.type("c");
        vt.awaitText("claim #1 refused: already claimed by dana (Alice)");
        assertThat(source.calls).containsExactly("claim 1 alice");
    }

    @Test
    void aSuccessfulClaimShowsTheOperatorAndResolveRemovesTheRow() throws Exception {
        start();
        vt.type("c");
        vt.await(t -> rowOf("Alice").contains("In progress") && rowOf("Alice").endsWith("alice"), "Alice claimed by alice");
        assertThat(vt.text()).contains("claimed #1 (Alice)");
        vt.type("j");
        vt.type("r");
        vt.await(t -> rowOf("Bob").isEmpty(), "Bob resolved");
        assertThat(vt.lines().get(1)).contains("Resolved 1");
        assertThat(vt.text()).contains("resolved #2 (Bob)");
        assertThat(source.calls).containsExactly("claim 1 alice", "resolve 2 alice");
    }

    @Test
    void questionMarkShowsTheHelpAndAnyKeyClosesIt() throws Exception {
        start();
        vt.type("?");
        String screen = vt.awaitText("Keys");
        assertThat(screen).contains("filter by name, phone, reason or summary", "claim, release, resolve", "any key closes the help");
        vt.type("x");
        vt.await(t -> !t.contains("Keys") && t.contains("Alice"), "the list back");
    }

    @Test
    void aResizeRedrawsForTheNewSize() throws Exception {
        start();
        assertThat(vt.lines().get(2)).contains("OPERATOR");
        vt.resize(60, 20);
        vt.await(t -> !t.contains("OPERATOR") && t.contains("SUMMARY") && vt.lines().get(19).endsWith("1/3"),
                "the 60-column layout");
        List<String> lines = vt.lines();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(lines.get(0)).isEqualTo("handoff tail  fake http://127.0.0.1:9/  live");
        assertThat(lines.get(2)).contains("STATUS", "WAIT", "NAME", "SUMMARY").doesNotContain("PHONE", "WAITING");
        assertThat(rowOf("Alice")).contains("Summary of Alice");
        vt.type("j");
        vt.await(t -> rowOf("Bob").startsWith(">"), "keys still work after the resize");
        vt.resize(120, 30);
        vt.await(t -> t.contains("OPERATOR") && vt.lines().get(29).endsWith("2/3"), "the wide layout back");
    }

    @Test
    void growingTheWindowLeavesNoStaleLineFromTheSmallerScreen() throws Exception {
        vt.close();
        vt = new VirtualScreen(100, 24);
        start();
        vt.type("\r"); // the detail pane sits at the bottom, right above the status line
        vt.await(t -> t.contains("-- #1 Alice") && vt.lines().get(23).endsWith("1/3"), "the pane at 24 rows");
        vt.resize(100, 40);
        vt.await(t -> vt.lines().get(39).endsWith("1/3"), "the status line on the new last row");
        List<String> lines = vt.lines();
        // exactly one status line, one pane title, one header: nothing left from the 24-row frame
        assertThat(lines.stream().filter(l -> l.endsWith("1/3"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("-- #1 Alice"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("STATUS") && l.contains("WAITING"))).hasSize(1);
        int pane = lines.indexOf(lines.stream().filter(l -> l.startsWith("-- #1 Alice")).findFirst().orElseThrow());
        assertThat(lines.subList(6, pane)).allMatch(String::isEmpty);
        // growing again and shrinking back: still one of each
        vt.resize(120, 50);
        vt.await(t -> vt.lines().get(49).endsWith("1/3"), "the status line at 50 rows");
        assertThat(vt.lines().stream().filter(l -> l.endsWith("1/3"))).hasSize(1);
        vt.resize(100, 24);
        vt.await(t -> vt.lines().get(23).endsWith("1/3"), "the status line at 24 rows again");
        assertThat(vt.lines().stream().filter(l -> l.startsWith("-- #1 Alice"))).hasSize(1);
    }

    @Test
    void aNewPendingHandoffIsMarkedAndRingsTheBellWhenAskedTo() throws Exception {
        start(TailSettings.defaults("alice").withBell(true));
        source.listener.onChange(pending(4, "Dave", 55), 8);
        vt.await(t -> rowOf("Dave").startsWith(" *"), "Dave marked new");
        assertThat(vt.lines().get(1)).contains("Pending 3");
        assertThat(vt.output()).contains("\007");
        vt.type("G");
        vt.await(t -> rowOf("Dave").startsWith("> "), "Dave seen");
    }

    @Test
    void pauseFreezesTheListAndCountsTheChanges() throws Exception {
        start();
        vt.type("p");
        vt.awaitText("paused (0 changes)");
        source.listener.onChange(pending(4, "Dave", 55), 8);
        vt.awaitText("paused (1 change)");
        assertThat(vt.text()).doesNotContain("Dave");
        vt.type("p");
        vt.await(t -> t.contains("Dave") && !t.contains("paused"), "Dave after the pause");
    }

    @Test
    void theConnectionStateIsShownInTheHeader() throws Exception {
        start();
        source.listener.onState(new ConnectionState.Reconnecting(T0.plusSeconds(3599), "connection refused"));
        vt.awaitText("reconnecting since 12:59:59 (connection refused)");
    }

    @Test
    void wOpensTheLinkOrShowsItWhenNoBrowserCanBeOpened() throws Exception {
        start();
        vt.type("w");
        vt.awaitText("no browser can be opened here; open https://api.whatsapp.com/send?phone=15550000001");
        assertThat(opened).containsExactly(WhatsAppLink.forPhone("+15550000001"));
    }

    @Test
    void maskedPhonesKeepOnlyTheLastDigits() throws Exception {
        start(TailSettings.defaults("alice").withMask(3));
        assertThat(rowOf("Alice")).contains("+********001").doesNotContain("+15550000001");
        vt.type("\r");
        String screen = vt.awaitText("phone     +********001");
        assertThat(screen).contains("send?phone=********001&").doesNotContain("15550000001");
    }

    @Test
    void quittingRestoresTheTerminal() throws Exception {
        start();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON)).isFalse();
        quitAndWait();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ECHO))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ECHO));
        String out = vt.output();
        assertThat(out).contains("\033[?1049h");
        assertThat(out.lastIndexOf("\033[?1049l")).isGreaterThan(out.lastIndexOf("\033[?1049h"));
        assertThat(vt.text()).doesNotContain("Alice"); // back on the main screen
    }

    @Test
    void quittingRestoresEveryTerminalSettingAndTheNormalCursor() throws Exception {
        before.setControlChar(Attributes.ControlChar.VMIN, 7); // a setting raw mode changes and a partial restore misses
        vt.terminal().setAttributes(before);
        start();
        quitAndWait();
        assertThat(vt.terminal().getAttributes().toString()).isEqualTo(before.toString());
        String normal = org.jline.utils.Curses.tputs(
                vt.terminal().getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_normal));
        String visible = org.jline.utils.Curses.tputs(
                vt.terminal().getStringCapability(org.jline.utils.InfoCmp.Capability.cursor_visible));
        String out = vt.output();
        String after = out.substring(out.lastIndexOf("\033[?1049l"));
        assertThat(after).contains(normal);
        if (!visible.equals(normal)) {
            assertThat(after).doesNotContain(visible); // the very visible (blinking) cursor is not the user's
        }
    }

    @Test
    void ctrlBackslashSendsNoQuitSignalWhileOnScreenAndTheQuitKeyIsBackAfterwards() throws Exception {
        // SIGQUIT makes the JVM write a thread dump over the screen
        java.util.concurrent.atomic.AtomicInteger quits = new java.util.concurrent.atomic.AtomicInteger();
        vt.terminal().handle(org.jline.terminal.Terminal.Signal.QUIT, s -> quits.incrementAndGet());
        assertThat(before.getControlChar(Attributes.ControlChar.VQUIT)).isEqualTo(28);
        start();
        assertThat(vt.terminal().getAttributes().getControlChar(Attributes.ControlChar.VQUIT)).as("disabled").isZero();
        vt.type("\u001c");
        vt.type("?");
        vt.awaitText("Keys");
        assertThat(quits.get()).as("SIGQUIT raised").isZero();
        assertThat(ui.isAlive()).isTrue();
        vt.type("x");
        quitAndWait();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getControlChar(Attributes.ControlChar.VQUIT)).isEqualTo(28);
    }

    @Test
    void ctrlCQuitsAndRestoresTheTerminal() throws Exception {
        start();
        vt.type("\u0003");
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
        String out = vt.output();
        int leftAlternateScreen = out.lastIndexOf("\033[?1049l");
        assertThat(leftAlternateScreen).isGreaterThan(out.lastIndexOf("\033[?1049h"));
        assertThat(out.substring(leftAlternateScreen)).containsPattern("\033\\[\\?(12;)?25h"); // cursor visible again
    }

    @Test
    void ctrlZGivesTheTerminalBackBeforeStoppingAndRepaintsAfterFg() throws Exception {
        List<String> atStop = new CopyOnWriteArrayList<>();
        stopper = () -> {
            // what the shell finds when the process is stopped
            String out = vt.output();
            int left = out.lastIndexOf("\033[?1049l");
            atStop.add("left=" + (left > out.lastIndexOf("\033[?1049h")));
            atStop.add("cursor=" + (left >= 0 && out.substring(left).matches("(?s).*\033\\[\\?(12;)?25h.*")));
            atStop.add("icanon=" + vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON));
            atStop.add("echo=" + vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ECHO));
            atStop.add("screen=" + (vt.text().contains("Alice") ? "queue" : "main"));
            return true;
        };
        start();
        int mark = vt.output().length();
        vt.type("\u001a"); // Ctrl-Z: the line discipline raises SIGTSTP
        vt.await(t -> vt.output().length() > mark && vt.output().substring(mark).contains("\033[?1049h")
                && t.contains("Alice") && t.contains("Carol"), "the queue drawn again after the stop");
        assertThat(atStop).containsExactly("left=true", "cursor=true",
                "icanon=" + before.getLocalFlag(Attributes.LocalFlag.ICANON),
                "echo=" + before.getLocalFlag(Attributes.LocalFlag.ECHO), "screen=main");
        String after = vt.output().substring(mark);
        // back: alternate screen, hidden cursor, raw mode, and every row drawn again, not a diff of nothing
        assertThat(after.substring(after.lastIndexOf("\033[?1049h"))).contains("\033[?25l", "Alice", "Bob", "Carol");
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON)).isFalse();
        assertThat(ui.isAlive()).isTrue();
        vt.type("j");
        vt.await(t -> rowOf("Bob").startsWith(">"), "keys still work after fg");
    }

    @Test
    void aContinueSignalAloneRepaintsTheWholeScreen() throws Exception {
        start();
        int mark = vt.output().length();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.CONT); // after kill -STOP, kill -CONT
        vt.await(t -> vt.output().substring(mark).contains("Carol"), "a full repaint");
        assertThat(vt.output().substring(mark)).contains("\033[?1049h", "Alice", "Bob");
    }

    @Test
    void capitalJAndKScrollALongDetailPane() throws Exception {
        source = new FakeSource(List.of(Entries.withSummary(pending(1, "Alice", 10), "Alice",
                "word ".repeat(300) + "THE-END", "asked for a human"), pending(2, "Bob", 20), entry(3, "Carol", Status.IN_PROGRESS, "bob", 30, 1)));
        vt.close();
        vt = new VirtualScreen(80, 24);
        start();
        vt.type("\r");
        vt.await(t -> t.contains("J/K scroll"), "the pane saying how to scroll it");
        assertThat(vt.text()).doesNotContain("THE-END");
        vt.type("JJJJJJ"); // more pages than there are: the pane stops at its end
        vt.awaitText("THE-END");
        vt.type("K");
        vt.await(t -> !t.contains("THE-END"), "K scrolling back up");
    }

    @Test
    void anInterruptSignalQuitsLikeCtrlC() throws Exception {
        start();
        vt.terminal().raise(org.jline.terminal.Terminal.Signal.INT);
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(vt.output()).contains("\033[?1049l");
    }

    @Test
    void withoutColourNoStyleIsSentOnlyTheMarkers() throws Exception {
        start(TailSettings.defaults("alice"));
        source.listener.onChange(pending(4, "Dave", 55), 8);
        vt.await(t -> rowOf("Dave").startsWith(" *"), "Dave marked new");
        assertThat(vt.output()).doesNotContainPattern("\033\\[[0-9;]*(3[0-7]|9[0-7]|7|1)m");
        assertThat(rowOf("Alice")).startsWith("> ");
    }

    @Test
    void withColourTheCursorRowIsInverseAndTheStateGreen() throws Exception {
        start();
        assertThat(vt.output()).contains("\033[7m").containsPattern("\033\\[[0-9;]*32[;m]");
    }

    @Test
    void aRefusedTokenEndsTheUiWithTheErrorAfterRestoringTheTerminal() throws Exception {
        start();
        source.listener.onFatal(HandoffException.auth("http://127.0.0.1:9/api/stream refused the token (HTTP 401)", null));
        ui.join(5000);
        assertThat(ui.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(HandoffException.class)
                .hasMessageContaining("HTTP 401");
        assertThat(((HandoffException) failure.get()).kind()).isEqualTo(HandoffException.Kind.AUTH);
        assertThat(vt.output()).contains("\033[?1049l");
        assertThat(vt.terminal().getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON))
                .isEqualTo(before.getLocalFlag(Attributes.LocalFlag.ICANON));
    }

    @Test
    void theWaitingTimeIsRedrawnAsTimePasses() throws Exception {
        // a clock that moves: the UI redraws once a second without any event
        MutableClock clock = new MutableClock(T0.plusSeconds(3600));
        QueueView view = new QueueView(clock, Duration.ofSeconds(60));
        ui = new Thread(() -> {
            try {
                new TailUi(vt.terminal(), source, view, TailSettings.defaults("alice"), url -> false).run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        ui.start();
        vt.await(t -> rowOf("Alice").contains("50m"), "Alice waiting 50m");
        clock.advance(Duration.ofMinutes(20));
        vt.await(t -> rowOf("Alice").contains("1h10m"), "Alice waiting 1h10m");
    }
}
