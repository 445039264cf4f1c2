package dev.handoff.tui;

import dev.handoff.queue.WhatsAppLink;
import dev.handoff.queue.Status;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The renderer alone: layout at every width, untrusted text, the detail pane and the help. */
class QueueScreenTest {

    final MutableClock clock = new MutableClock(T0.plusSeconds(3600));

    private QueueView viewWith(QueueEntry... entries) {
        QueueView view = new QueueView(clock, Duration.ofSeconds(30));
        view.applySnapshot(new QueueSource.Snapshot(List.of(entries), 1));
        return view;
    }

    private static List<String> text(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).toList();
    }

    @Test
    void everyLineFitsEveryWidthAndTheScreenHasExactlyItsHeight() {
        QueueEntry wide = Entries.withSummary(pending(9, "x", 1), "王小明 with a very long name indeed",
                "长长的总结 " + "word ".repeat(80), "reason ".repeat(20));
        QueueView view = viewWith(pending(1, "Alice", 10), wide);
        view.toggleDetail();
        for (boolean color : new boolean[]{false, true}) {
            QueueScreen screen = new QueueScreen(TailSettings.defaults("me").withColor(color), "inbox http://127.0.0.1:8080/");
            for (int width = 1; width <= 220; width += 7) {
                for (int height : new int[]{1, 2, 3, 5, 12, 40}) {
                    List<AttributedString> lines = screen.render(view, height, width);
                    assertThat(lines).as("%dx%d", width, height).hasSize(height);
                    for (AttributedString line : lines) {
                        assertThat(line.columnLength()).as("%dx%d: %s", width, height, line).isLessThanOrEqualTo(width);
                    }
                }
            }
        }
    }

    @Test
    void aLongConnectionReasonDoesNotPushTheSourceOffTheHeader() {
        QueueView view = viewWith(pending(1, "Alice", 10));
        view.setConnection(new ConnectionState.Reconnecting(T0, "Failed to connect to /127.0.0.1:8787 after many many attempts"));
        String title = text(new QueueScreen(TailSettings.defaults("me"), "inbox http://127.0.0.1:8787/").render(view, 10, 80)).get(0);
        // the title goes before the reason is cut
        assertThat(title).startsWith("inbox http://127.0.0.1:8787/  reconnecting since 12:00:00 (Failed to connect");
        assertThat(title).hasSize(80).endsWith("\u2026");
        String wide = text(new QueueScreen(TailSettings.defaults("me"), "inbox http://127.0.0.1:8787/").render(view, 10, 160)).get(0);
        assertThat(wide).startsWith("handoff tail  inbox").endsWith("after many many attempts)");
    }

    @Test
    void onANarrowScreenTheConnectionStateIsWhatStays() {
        // at 40 columns the header read "handoff tail  inbox http:…  reconnectin…", at 20 "handoff tail  i…  r…"
        QueueView view = viewWith(pending(1, "Alice", 10));
        view.setConnection(new ConnectionState.Reconnecting(T0, "Failed to connect to /127.0.0.1:8787"));
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me"), "inbox http://127.0.0.1:8787/");
        for (int width : new int[] {28, 40}) {
            String title = text(screen.render(view, 10, width)).get(0);
            assertThat(title).as("%d columns", width).contains("reconnecting since 12:00:00").doesNotContain("handoff tail");
            assertThat(title.length()).isLessThanOrEqualTo(width);
        }
        // at 20 columns "reconnecting since …" lost the time: the short form keeps it
        assertThat(text(screen.render(view, 10, 20)).get(0)).startsWith("reconn. 12:00:00");
    }

    @Test
    void narrowScreensDropColumnsInOrderSummaryLast() {
        assertThat(titles(200)).contains("REASON", "SUMMARY", "OPERATOR", "PHONE");
        assertThat(titles(80)).contains("PHONE", "SUMMARY").doesNotContain("REASON");
        assertThat(titles(60)).contains("NAME", "SUMMARY").doesNotContain("OPERATOR", "PHONE");
        assertThat(titles(40)).contains("STATUS", "WAIT", "NAME");
    }

    @Test
    void narrowScreensGiveTheSummaryTheRoomStatusAndWaitingGiveUp() {
        // STATUS, WAITING, NAME, PHONE, REASON, SUMMARY, OPERATOR
        assertThat(QueueTable.columns(80)).containsExactly(7, 5, 14, 14, 0, 25, 8);
        assertThat(QueueTable.columns(90)).containsExactly(7, 5, 14, 14, 0, 35, 8);
        assertThat(QueueTable.columns(120)).containsExactly(11, 7, 16, 14, 20, 34, 10);
        for (int width : new int[]{80, 90, 99, 100, 120, 129, 130, 200}) {
            int[] w = QueueTable.columns(width);
            int shown = (int) java.util.Arrays.stream(w).filter(c -> c > 0).count();
            assertThat(2 + java.util.Arrays.stream(w).sum() + shown - 1).as("%d columns used in full", width).isEqualTo(width);
            assertThat(w[5]).as("summary at %d", width).isGreaterThan(w[0] + w[1] + 1);
        }
        QueueView view = viewWith(pending(1, "Alice", 10), Entries.entry(2, "Bob", Status.IN_PROGRESS, "carl", 20, 1));
        List<String> lines = text(new QueueScreen(TailSettings.defaults("me"), "s").render(view, 10, 80));
        assertThat(lines.get(2)).startsWith("  STATUS   WAIT NAME");
        assertThat(lines.get(3)).startsWith("> Pending   50m Alice").contains("Summary of Alice: wants \u2026");
        assertThat(lines.get(4)).startsWith("  In prog   40m Bob").endsWith(" carl    ");
    }

    private String titles(int width) {
        return text(new QueueScreen(TailSettings.defaults("me"), "s").render(viewWith(pending(1, "A", 1)), 10, width)).get(2);
    }

    @Test
    void controlCharactersFromTheWebhookNeverReachTheTerminal() {
        QueueEntry evil = Entries.withSummary(pending(1, "x", 1), "Eve\u001b]0;owned\u0007\u001b[2J",
                "line one\nline two\u009b31m", "r\u0000eason");
        QueueView view = viewWith(evil);
        view.toggleDetail();
        String all = String.join("\n", text(new QueueScreen(TailSettings.defaults("me"), "s").render(view, 30, 120)))
                // our own OSC 8 link is the only escape sequence allowed
                .replaceAll("\u001b]8;;[ -~]*\u001b\\\\", "");
        assertThat(all).doesNotContain("\u001b", "\u0007", "\u009b", "\u0000");
        assertThat(all).contains("Eve]0;owned[2J", "line one line two31m", "reason");
    }

    @Test
    void theDetailPaneLinksWithOsc8AndShowsThePlainLink() {
        QueueView view = viewWith(pending(1, "Alice", 10));
        view.toggleDetail();
        List<AttributedString> lines = new QueueScreen(TailSettings.defaults("me"), "s").render(view, 30, 120);
        String ansi = String.join("\n", lines.stream().map(l -> l.toAnsi(256, AttributedCharSequence.ForceMode.None)).toList());
        String url = WhatsAppLink.forPhone("+15550000001");
        assertThat(ansi).contains("\u001b]8;;" + url + "\u001b\\Open the chat in WhatsApp\u001b]8;;\u001b\\");
        assertThat(text(lines)).anySatisfy(l -> assertThat(l.strip()).isEqualTo(url));
    }

    @Test
    void withoutHyperlinksThePaneHasOnlyThePlainLink() {
        QueueView view = viewWith(pending(1, "Alice", 10));
        view.toggleDetail();
        TailSettings d = TailSettings.defaults("me");
        TailSettings noLinks = new TailSettings("me", 0, false, d.warnAfter(), d.alertAfter(), d.highlightFor(), false, false, d.zone());
        String all = String.join("\n", text(new QueueScreen(noLinks, "s").render(view, 30, 120)));
        assertThat(all).doesNotContain("\u001b]8").contains("press w to open", WhatsAppLink.forPhone("+15550000001"));
    }

    @Test
    void waitingTimeTurnsYellowThenRed() {
        QueueTable screen = new QueueTable(TailSettings.defaults("me").withColor(true));
        int[] widths = QueueTable.columns(120);
        String fresh = screen.row(pending(1, "A", 58), widths, false, false, clock.instant()).toAnsi(256, AttributedCharSequence.ForceMode.None);
        String warn = screen.row(pending(1, "A", 50), widths, false, false, clock.instant()).toAnsi(256, AttributedCharSequence.ForceMode.None);
        String alert = screen.row(pending(1, "A", 30), widths, false, false, clock.instant()).toAnsi(256, AttributedCharSequence.ForceMode.None);
        assertThat(fresh).doesNotContain("\u001b[33m").doesNotContain("\u001b[31");
        assertThat(warn).contains("\u001b[33m" + "    10m");
        assertThat(alert).containsPattern("\u001b\\[(1;)?31(;1)?m    30m");
    }

    @Test
    void aDeliveryMoreThanAMinuteLateShowsWhenThePlatformSentIt() {
        // Alice reached the queue 50m ago (T0+10m); now is T0+60m
        QueueEntry late = Entries.createdBeforeArrival(pending(1, "Alice", 10), Duration.ofSeconds(61));
        QueueEntry justInTime = Entries.createdBeforeArrival(pending(2, "Bob", 10), Duration.ofSeconds(60));
        QueueEntry veryLate = Entries.createdBeforeArrival(pending(3, "Carol", 57), Duration.ofMinutes(38));
        assertThat(Durations.waited(late, clock.instant())).isEqualTo("50m (sent 51m ago)");
        assertThat(Durations.waited(justInTime, clock.instant())).isEqualTo("50m");
        assertThat(Durations.waited(veryLate, clock.instant())).isEqualTo("3m (sent 41m ago)");
        assertThat(Durations.waited(pending(4, "Dave", 10), clock.instant())).isEqualTo("50m");

        QueueTable wide = new QueueTable(TailSettings.defaults("me"));
        int[] widths = QueueTable.columns(140);
        assertThat(wide.row(veryLate, widths, false, false, clock.instant()).toString())
                .startsWith("  Pending " + " ".repeat(11) + "3m (sent 41m ago) Carol");
        assertThat(wide.row(justInTime, widths, false, false, clock.instant()).toString())
                .startsWith("  Pending " + " ".repeat(4 + 21) + "50m Bob").doesNotContain("sent");
        // a narrower table keeps the arrival age; the detail pane always has both
        assertThat(wide.row(veryLate, QueueTable.columns(100), false, false, clock.instant()).toString())
                .startsWith("  Pending " + " ".repeat(4 + 5) + "3m Carol").doesNotContain("sent");
        QueueView view = viewWith(veryLate);
        view.toggleDetail();
        assertThat(text(new QueueScreen(TailSettings.defaults("me"), "s").render(view, 30, 100)))
                .anySatisfy(l -> assertThat(l).contains("waiting 3m (sent 41m ago)"));
    }

    @Test
    void aDeliveryHoursOrDaysLateKeepsItsNoteInAWideTable() {
        // sent an hour or more before it arrived: the note that says so is the one that matters most
        QueueEntry hourLate = Entries.createdBeforeArrival(pending(1, "Alice", 57), Duration.ofMinutes(65));
        QueueEntry daysLate = Entries.createdBeforeArrival(pending(2, "Bob", 0), Duration.ofDays(99).plusHours(22));
        QueueTable wide = new QueueTable(TailSettings.defaults("me"));
        for (int width : new int[]{140, 200}) {
            int[] widths = QueueTable.columns(width);
            assertThat(wide.row(hourLate, widths, false, false, clock.instant()).toString())
                    .as("at %d", width).contains("3m (sent 1h08m ago) Alice");
            assertThat(wide.row(daysLate, widths, false, false, clock.instant()).toString())
                    .as("at %d", width).contains("1h00m (sent 99d23h ago) Bob");
        }
    }

    @Test
    void wrappingCountsDisplayColumnsAndNeverSplitsACharacter() {
        String cjk = "人間と話したいです。".repeat(20) + " END";
        List<String> lines = Cells.wrap(cjk, 90);
        assertThat(lines).allSatisfy(l -> assertThat(Cells.columns(l)).isLessThanOrEqualTo(90));
        assertThat(Cells.columns(lines.get(0))).isEqualTo(90); // 45 characters of two columns, not 90 characters
        assertThat(String.join("", lines).replace(" ", "")).isEqualTo(cjk.replace(" ", ""));
        String emoji = "\uD83D\uDE00".repeat(150) + " END";
        for (int width : new int[]{9, 10, 91}) {
            List<String> parts = Cells.wrap(emoji, width);
            assertThat(parts).as("at %d", width).allSatisfy(l -> {
                assertThat(Cells.columns(l)).isLessThanOrEqualTo(width);
                assertThat(Character.isLowSurrogate(l.charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(l.charAt(l.length() - 1))).isFalse();
            });
            assertThat(String.join("", parts).replace(" ", "")).isEqualTo(emoji.replace(" ", ""));
        }
    }

    @Test
    void aLongSummaryShowsWhatFitsAndJkReachTheRest() {
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            summary.append("sentence").append(i).append(" of the customer conversation summary. ");
        }
        summary.append("THE-END");
        QueueEntry late = Entries.createdBeforeArrival(
                Entries.withSummary(pending(1, "Alice", 10), "Alice", summary.toString(), "asked for a human"), Duration.ofHours(2));
        QueueView view = viewWith(late);
        view.toggleDetail();
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me"), "s");
        List<String> first = text(screen.render(view, 24, 80));
        assertThat(screen.render(view, 24, 80)).hasSize(24).allSatisfy(l -> assertThat(l.columnLength()).isLessThanOrEqualTo(80));
        assertThat(first).anySatisfy(l -> assertThat(l).startsWith("summary   sentence0 of the customer"));
        assertThat(first).anySatisfy(l -> assertThat(l).startsWith("-- #1 Alice").contains("J/K scroll"));
        assertThat(String.join("\n", first)).doesNotContain("THE-END");
        // the created line wraps under its label instead of losing its end at the edge
        String created = String.join(" ", first).replaceAll(" +", " ");
        assertThat(created).contains("(in the queue since " + late.handoff().receivedAt() + ")");
        int[] scroll = screen.detailScroll(view, 24, 80);
        assertThat(scroll[0]).isPositive();
        view.scrollDetail(scroll[1], scroll[0]);
        view.scrollDetail(scroll[1], scroll[0]);
        view.scrollDetail(scroll[1], scroll[0]);
        List<String> last = text(screen.render(view, 24, 80));
        assertThat(last).anySatisfy(l -> assertThat(l).contains("THE-END"));
        assertThat(last).anySatisfy(l -> assertThat(l).startsWith("-- #1 Alice").contains(" of "));
        view.scrollDetail(-1000, scroll[0]);
        assertThat(text(screen.render(view, 24, 80))).isEqualTo(first);
    }

    @Test
    void theHelpWrapsWholeWordsAndScrollsWhenTheScreenIsShort() {
        QueueView view = viewWith(pending(1, "Alice", 10));
        view.toggleHelp();
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me"), "s");
        java.util.Set<String> words = new java.util.HashSet<>();
        QueueScreen.HELP.forEach(l -> words.addAll(List.of(l.trim().split(" +"))));
        for (int width : new int[]{30, 60, 80}) {
            List<String> help = QueueScreen.helpLines(width);
            assertThat(help).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(width));
            java.util.Set<String> shown = new java.util.HashSet<>();
            help.forEach(l -> shown.addAll(List.of(l.trim().split(" +"))));
            assertThat(shown).as("at %d: no word cut", width).isEqualTo(words);
        }
        assertThat(String.join("\n", text(screen.render(view, 40, 80)))).contains("Enter applies,\n" + " ".repeat(22) + "Esc cancels")
                .contains("any key closes the help");
        // 80x10: seven lines of help at a time, the status line says which and how to see the rest
        List<String> shortScreen = text(screen.render(view, 10, 80));
        assertThat(shortScreen.get(9)).contains("help lines 1-7 of").contains("j k PgUp PgDn scroll");
        int[] scroll = screen.helpScroll(10, 80);
        assertThat(scroll[0]).isPositive();
        view.scrollHelp(1000, scroll[0]);
        List<String> end = text(screen.render(view, 10, 80));
        assertThat(end.get(8)).contains("grows.");
    }

    @Test
    void theHelpAndTheDocsKeyTableNameTheSameControlKeys() throws java.io.IOException {
        String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs/tail.md"));
        String table = page.substring(page.indexOf("| key | does |"));
        table = table.substring(0, table.indexOf("\n\n"));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        for (String row : table.lines().toList()) {
            String key = row.split("\\|")[1];
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Ctrl-.").matcher(key);
            while (m.find()) {
                documented.add(m.group());
            }
        }
        java.util.Set<String> inHelp = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Ctrl-.").matcher(String.join("\n", QueueScreen.HELP));
        while (m.find()) {
            inHelp.add(m.group());
        }
        assertThat(inHelp).isEqualTo(documented).contains("Ctrl-C", "Ctrl-L", "Ctrl-Z");
    }

    @Test
    void aFrameFormatsOnlyTheRowsWhoseLookChanged() {
        // formatting every visible row of every frame was the garbage behind the worst frames (GC pauses)
        QueueView view = viewWith(pending(1, "Alice", 10), pending(2, "Bob", 20), pending(3, "Carol", 30));
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me").withColor(true), "s");
        List<AttributedString> first = screen.render(view, 10, 100);
        List<AttributedString> again = screen.render(view, 10, 100);
        for (int row = 3; row <= 5; row++) {
            assertThat(again.get(row)).as("row %d", row).isSameAs(first.get(row));
        }
        view.moveBy(1);
        List<AttributedString> moved = screen.render(view, 10, 100);
        assertThat(moved.get(3)).isNotSameAs(first.get(3)); // lost the cursor
        assertThat(moved.get(4)).isNotSameAs(first.get(4)); // got it
        assertThat(moved.get(5)).isSameAs(first.get(5));
    }

    @Test
    void aRowIsDrawnAfreshWhenItsHandoffTheCursorTheTimeOrTheWidthChanged() {
        // the screen keeps formatted rows between frames; none of these may show an old line
        QueueView view = viewWith(pending(1, "Alice", 10), pending(2, "Bob", 20));
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me").withColor(true), "s");
        assertThat(text(screen.render(view, 10, 100)).get(3)).startsWith("> Pending").contains("50m", "Alice");

        view.moveBy(1);
        List<String> moved = text(screen.render(view, 10, 100));
        assertThat(moved.get(3)).startsWith("  Pending").contains("Alice");
        assertThat(moved.get(4)).startsWith("> Pending").contains("Bob");

        clock.advance(Duration.ofMinutes(20));
        assertThat(text(screen.render(view, 10, 100)).get(3)).contains("1h10m", "Alice");

        view.applyChange(Entries.with(pending(2, "Bob", 20), Status.IN_PROGRESS, "carl", 2), 11);
        assertThat(text(screen.render(view, 10, 100)).get(4)).startsWith("> In progress").contains(" carl ");

        assertThat(text(screen.render(view, 10, 80)).get(4)).startsWith("> In prog").hasSize(80);
        view.applyChange(Entries.with(pending(1, "Alice", 10), Status.RESOLVED, null, 2), 12);
        List<String> after = text(screen.render(view, 10, 80));
        assertThat(after.get(3)).startsWith("> In prog").contains("Bob");
        assertThat(String.join("\n", after)).doesNotContain("Alice");
    }

    @Test
    void thePlainTableHasTitlesAndOneLinePerHandoff() {
        QueueScreen screen = new QueueScreen(TailSettings.defaults("me").withMask(2), "s");
        List<String> table = screen.table(List.of(pending(1, "Alice", 10), Entries.entry(2, "Bob", Status.IN_PROGRESS, "carl", 20, 1)),
                100, clock.instant());
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).startsWith("  STATUS      WAITING NAME");
        assertThat(table.get(1)).startsWith("  Pending         50m Alice").contains("+*********01");
        assertThat(table.get(2)).startsWith("  In progress     40m Bob").endsWith("carl");
    }

    @Test
    void aFailedActionKeepsItsReasonInSightWhateverTheCustomersNameAt80Columns() {
        for (String name : List.of("Maria-Fernanda Gonzalez de la Cruz Villanueva", "X".repeat(5000))) {
            QueueView view = new QueueView(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), java.time.Duration.ZERO);
            view.applySnapshot(new QueueSource.Snapshot(List.of(entry(6, name, Status.IN_PROGRESS, "bob", 1, 2)), 1));
            view.request(OperatorAction.CLAIM, "alice");
            String status = text(new QueueScreen(TailSettings.defaults("alice"), "s").render(view, 10, 80)).get(9);
            assertThat(status).as(name.length() + " characters").startsWith("cannot claim #6: In progress, claimed by bob (");

            view.applySnapshot(new QueueSource.Snapshot(List.of(entry(6, name, Status.PENDING, null, 1, 3)), 2));
            OperatorAction.Request r = view.request(OperatorAction.CLAIM, "alice").orElseThrow();
            view.actionFailed(r, dev.handoff.error.HandoffException.conflict("already claimed by bob", null));
            status = text(new QueueScreen(TailSettings.defaults("alice"), "s").render(view, 10, 80)).get(9);
            assertThat(status).as(name.length() + " characters").startsWith("claim #6 refused: already claimed by bob (");

            // an operator known by an e-mail address is named whole
            view.applySnapshot(new QueueSource.Snapshot(List.of(entry(6, name, Status.IN_PROGRESS, "roberta.maximiliana@example.com", 1, 4)), 3));
            view.request(OperatorAction.CLAIM, "alice");
            status = text(new QueueScreen(TailSettings.defaults("alice"), "s").render(view, 10, 80)).get(9);
            assertThat(status).startsWith("cannot claim #6: In progress, claimed by roberta.maximiliana@example.com (");
        }
    }

    @Test
    void claimingWhatYouHoldSaysItIsYoursNotThatItCannot() {
        QueueView view = new QueueView(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), java.time.Duration.ZERO);
        view.applySnapshot(new QueueSource.Snapshot(List.of(entry(2, "Ann", Status.IN_PROGRESS, "alice", 1, 2)), 1));
        assertThat(view.request(OperatorAction.CLAIM, "alice")).isEmpty();
        assertThat(view.message()).isEqualTo(new QueueView.Message("#2 is already yours, claimed by alice (Ann)", false));
        assertThat(view.request(OperatorAction.CLAIM, "bob")).isEmpty();
        assertThat(view.message().text()).isEqualTo("cannot claim #2: In progress, claimed by alice (Ann)");
    }

    @Test
    void theFilterBeingTypedKeepsItsEndInSight() {
        QueueView view = new QueueView(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), java.time.Duration.ZERO);
        view.applySnapshot(new QueueSource.Snapshot(List.of(pending(1, "Ann", 1)), 1));
        view.startFilter();
        view.typeFilter("a".repeat(60) + "\u4e2d" + "the end");
        String status = text(new QueueScreen(TailSettings.defaults("alice"), "s").render(view, 10, 40)).get(9);
        assertThat(status).startsWith("/\u2026").contains("\u4e2dthe end_");
        assertThat(QueueScreen.filterPrompt("bob", 80)).isEqualTo("/bob_   Enter apply, Esc cancel");
        assertThat(QueueScreen.filterPrompt("bob", 10)).isEqualTo("/bob_");
        assertThat(QueueScreen.filterPrompt("abcdefghij", 8)).isEqualTo("/\u2026fghij_");
    }
}
