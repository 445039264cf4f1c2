package dev.handoff.tui;

import dev.handoff.queue.Status;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.handoff.tui.Entries.T0;
import static dev.handoff.tui.Entries.entry;
import static dev.handoff.tui.Entries.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** The header as rendered: nothing foreign reaches the terminal. */
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
