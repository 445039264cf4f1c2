package dev.handoff.tui;

import java.util.List;

/**
 * The queue screen's cursor: which handoff it is on (by id, so it follows its row when rows move) and
 * the first row drawn. When its handoff leaves the shown rows, it goes to the nearest neighbour it had,
 * the next row first. Not thread-safe, as {@link QueueView}.
 */
final class RowCursor {

    private final QueueRows queue;
    private Long selectedId;
    private int scrollTop;

    RowCursor(QueueRows queue) {
        this.queue = queue;
    }

    /** The shown rows; an unset cursor takes the first. */
    List<QueueEntry> rows() {
        List<QueueEntry> rows = queue.shown();
        if (selectedId == null && !rows.isEmpty()) {
            selectedId = rows.get(0).id();
        }
        return rows;
    }

    QueueEntry selected() {
        rows();
        return selectedId == null ? null : queue.get(selectedId);
    }

    /** Index of the cursor in {@link #rows()}, or -1 when there are no rows. */
    int index() {
        rows();
        return selectedId == null ? -1 : queue.indexOf(selectedId);
    }

    /** Moves by {@code delta} rows, clamped; returns the handoff now under the cursor, or null without rows. */
    Long moveBy(int delta) {
        List<QueueEntry> r = rows();
        if (r.isEmpty()) {
            return null;
        }
        int i = Math.max(0, Math.min(r.size() - 1, index() + delta));
        selectedId = r.get(i).id();
        return selectedId;
    }

    /** After the shown rows changed as a whole: a cursor whose handoff is gone takes the nearest survivor of {@code previous}. */
    void afterRowsChanged(List<QueueEntry> previous, int previousIndex) {
        if (selectedId != null && queue.indexOf(selectedId) < 0) {
            selectedId = nearestSurvivor(previous, previousIndex);
        }
    }

    /** After one handoff changed: if it was under the cursor and left the rows, the cursor takes the row that came next. */
    void afterChangeOf(long id, int shownAt) {
        if (selectedId == null || selectedId != id || shownAt < 0 || queue.indexOf(id) >= 0) {
            return;
        }
        List<QueueEntry> rows = queue.shown();
        selectedId = rows.isEmpty() ? null : rows.get(Math.min(shownAt, rows.size() - 1)).id();
    }

    /** The closest row to {@code from} in the previous order that is still shown, the next one first. */
    private Long nearestSurvivor(List<QueueEntry> previous, int from) {
        if (from < 0) {
            return null;
        }
        for (int d = 1; d < previous.size(); d++) {
            int after = from + d;
            if (after < previous.size() && queue.indexOf(previous.get(after).id()) >= 0) {
                return previous.get(after).id();
            }
            int before = from - d;
            if (before >= 0 && queue.indexOf(previous.get(before).id()) >= 0) {
                return previous.get(before).id();
            }
            if (after >= previous.size() && before < 0) {
                break;
            }
        }
        List<QueueEntry> rows = queue.shown();
        return rows.isEmpty() ? null : rows.get(Math.min(from, rows.size() - 1)).id();
    }

    /** First row to draw so that the cursor is inside a window of {@code height} rows. */
    int scrollTop(int height) {
        int size = rows().size();
        int i = index();
        if (height <= 0 || size == 0) {
            scrollTop = 0;
            return 0;
        }
        if (i < scrollTop) {
            scrollTop = i;
        } else if (i >= scrollTop + height) {
            scrollTop = i - height + 1;
        }
        scrollTop = Math.max(0, Math.min(scrollTop, Math.max(0, size - height)));
        return scrollTop;
    }
}
