package dev.handoff.tui;

import java.util.HashSet;
import java.util.Set;

/**
 * Stream events the tail cannot use (data that is not JSON, a field of the wrong kind, an id that is
 * no position): each kind is said once through {@link QueueSource.Listener#onNotice}, naming what was
 * wrong, and the running count at 10, 100, 1000, ..., so that a misbehaving server is noticed
 * without a line per event. Thread-safe.
 */
final class UnreadableEvents {

    /** At most this many different reasons are said; past them the server is plainly broken and it is said already. */
    private static final int MAX_REASONS = 3;
    private static final int MAX_ID_COLUMNS = 40;
    private static final int MAX_REASON_COLUMNS = 160;

    private final Set<String> said = new HashSet<>();
    private long ignored;

    /**
     * Besides each new reason, the running count at 10, 100, 1000, ...: one lost change and a
     * thousand are not the same news, and a line per event would drown the rest.
     */
    void report(QueueSource.Listener listener, String id, String reason) {
        String why = Cells.cut(Text.clean(reason).strip(), MAX_REASON_COLUMNS);
        boolean newReason;
        long count;
        synchronized (said) {
            newReason = said.size() < MAX_REASONS && said.add(why);
            count = ++ignored;
        }
        if (newReason) {
            listener.onNotice(text(id, why));
        } else if (isPowerOfTen(count)) {
            listener.onNotice("ignored " + count + " changes the inbox sent so far; the last: " + why);
        }
    }

    private static boolean isPowerOfTen(long n) {
        if (n < 10) {
            return false;
        }
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    static String text(String id, String why) {
        String shownId = id == null ? "" : Cells.cut(Text.clean(id).strip(), MAX_ID_COLUMNS);
        return "ignored a change the inbox sent" + (shownId.isEmpty() ? "" : " (id \"" + shownId + "\")") + ": " + why;
    }
}
