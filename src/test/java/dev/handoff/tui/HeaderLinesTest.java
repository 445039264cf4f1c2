package dev.handoff.tui;

import dev.handoff.queue.Status;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The header's two lines as rendered: counts never cut silently, and nothing foreign reaches the terminal. */
class HeaderLinesTest {

    final MutableClock clock = new MutableClock(T0.plusSeconds(3600));

    /** 303 Pending, 12 In progress, 7 resolved this session. */
    private QueueView busyQueue() {
        List<QueueEntry> rows = new ArrayList<>();
        for (int i = 1; i <= 310; i++) {
            rows.add(pending(i, "P" + i, i % 50));
        }
        for (int i = 311; i <= 322; i++) {
            rows.add(entry(i, "C" + i, Status.IN_PROGRESS, "bob", i % 50, 2));
        }
        QueueView view = new QueueView(clock, Duration.ofSeconds(30));
        view.applySnapshot(new QueueSource.Snapshot(rows, 1));
        for (int i = 1; i <= 7; i++) {
            view.applyChange(entry(i, "P" + i, Status.RESOLVED, "bob", i % 50, 3), 1 + i);
        }
        return view;
    }

    private static String summary(QueueView view, int width) {
        List<AttributedString> lines = new QueueScreen(TailSettings.defaults("me"), "inbox http://127.0.0.1:8787/")
                .render(view, 12, width);
        return lines.get(1).toString();
    }

    /** Every whole number on the line is one of the true ones; a number cut short must be followed by the ellipsis. */
    private static void assertNoNumberCutSilently(String line, int width, List<Integer> truth) {
        Matcher m = Pattern.compile("\\d+").matcher(line);
        while (m.find()) {
            int n = Integer.parseInt(m.group());
            boolean ellipsisAfter = m.end() < line.length() && line.charAt(m.end()) == '\u2026';
            if (!ellipsisAfter) {
                assertThat(truth).as("at %d columns: %s", width, line).contains(n);
            }
        }
    }

    @Test
    void aNarrowHeaderShortensItsLabelsNeverItsNumbers() {
        QueueView view = busyQueue();
        assertThat(view.counts()).containsEntry(Status.PENDING, 303).containsEntry(Status.IN_PROGRESS, 12)
                .containsEntry(Status.RESOLVED, 7);
        for (int width = 1; width <= 120; width++) {
            String line = summary(view, width);
            assertThat(line.length()).as("at %d", width).isLessThanOrEqualTo(width);
            assertNoNumberCutSilently(line, width, List.of(303, 12, 7));
        }
        // the tester's 10 columns showed "Pending 30"
        assertThat(summary(view, 10)).isEqualTo("P:303 \u2026");
        assertThat(summary(view, 17)).isEqualTo("P:303 I:12 R:7");
        assertThat(summary(view, 25)).isEqualTo("Pend 303  Prog 12  Res 7");
        assertThat(summary(view, 37)).isEqualTo("Pending 303  In prog 12  Resolved 7");
        assertThat(summary(view, 41)).isEqualTo("Pending 303  In progress 12  Resolved 7");
        assertThat(summary(view, 80)).isEqualTo("Pending 303  In progress 12  Resolved 7  |  sort: oldest first");
    }

    @Test
    void thePauseAndItsCountOutlastTheSortAndTheFilter() {
        QueueView view = busyQueue();
        view.startFilter();
        view.typeFilter("order");
        view.commitFilter();
        view.togglePause();
        for (int i = 0; i < 27; i++) {
            view.applyChange(pending(1000 + i, "N" + i, 59), 100 + i);
        }
        assertThat(view.bufferedChanges()).isEqualTo(27);
        for (int width = 1; width <= 160; width++) {
            String line = summary(view, width);
            assertNoNumberCutSilently(line, width, List.of(303, 12, 7, 27));
        }
        assertThat(summary(view, 63)).isEqualTo("Pending 303  In progress 12  Resolved 7  |  paused (27 changes)");
        assertThat(summary(view, 60)).isEqualTo("Pending 303  In progress 12  Resolved 7  |  paused 27");
        assertThat(summary(view, 30)).isEqualTo("P:303 I:12 R:7  |  paused 27");
        assertThat(summary(view, 160)).contains("sort: ", "filter: \"order\"", "paused (27 changes)");
    }

    @Test
    void aConnectionReasonQuotingTheServerCannotDriveTheTerminal() {
        QueueView view = busyQueue();
        view.setConnection(new ConnectionState.Reconnecting(T0,
                "got \"pending\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u202eevil\""));
        String title = new QueueScreen(TailSettings.defaults("me"), "inbox http://127.0.0.1:8787/").render(view, 12, 200)
                .get(0).toString();
        assertThat(title).contains("reconnecting since 12:00:00 (got \"pending]0;PWNED[2J31mevil\")");
        assertThat(title.chars()).noneMatch(c -> dev.handoff.text.Invisible.needsEscape(c));
    }
}
