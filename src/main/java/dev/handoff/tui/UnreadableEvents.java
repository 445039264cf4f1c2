package dev.handoff.tui;

import java.util.HashSet;
import java.util.Set;

/**
 * Stream events the tail cannot use (data that is not JSON, a field of the wrong kind, an id that is
 * no position): each kind is said once through {@link QueueSource.Listener#onNotice}, naming what was
 * wrong, so that a misbehaving server is noticed without a line per event. Thread-safe.
 */
final class UnreadableEvents {

    /** At most this many different reasons are said; past them the server is plainly broken and it is said already. */
    private static final int MAX_REASONS = 3;
    private static final int MAX_ID_COLUMNS = 40;
    private static final int MAX_REASON_COLUMNS = 160;

    private final Set<String> said = new HashSet<>();

    void report(QueueSource.Listener listener, String id, String reason) {
        String why = Cells.cut(Text.clean(reason).strip(), MAX_REASON_COLUMNS);
        synchronized (said) {
            if (said.size() >= MAX_REASONS || !said.add(why)) {
                return;
            }
        }
        listener.onNotice(text(id, why));
    }

    static String text(String id, String why) {
        String shownId = id == null ? "" : Cells.cut(Text.clean(id).strip(), MAX_ID_COLUMNS);
        return "ignored a change the inbox sent" + (shownId.isEmpty() ? "" : " (id \"" + shownId + "\")") + ": " + why;
    }
}
