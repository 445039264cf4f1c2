package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Unreadable stream events: each reason said once, and how many were ignored at 10, 100, 1000. */
class UnreadableEventsTest {

    @Test
    void eachReasonOnceThenTheCountAtPowersOfTen() {
        List<String> notices = new ArrayList<>();
        QueueSource.Listener listener = new QueueSource.Listener() {
            @Override
            public void onSnapshot(QueueSource.Snapshot snapshot) {
            }

            @Override
            public void onChange(QueueEntry entry, long seq) {
            }

            @Override
            public void onState(ConnectionState state) {
            }

            @Override
            public void onFatal(HandoffException error) {
            }

            @Override
            public void onNotice(String text) {
                notices.add(text);
            }
        };
        UnreadableEvents events = new UnreadableEvents();
        for (int i = 1; i <= 120; i++) {
            events.report(listener, String.valueOf(i), "its data is not JSON");
        }
        assertThat(notices).containsExactly("ignored a change the inbox sent (id \"1\"): its data is not JSON",
                "ignored 10 changes the inbox sent so far; the last: its data is not JSON",
                "ignored 100 changes the inbox sent so far; the last: its data is not JSON");
    }
}
