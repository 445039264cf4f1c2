package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import dev.handoff.error.HandoffException;
import dev.handoff.queue.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The full-screen UI's views and keys on a 100x30 virtual terminal. */
class TailUiTest extends TailUiFixture {

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
