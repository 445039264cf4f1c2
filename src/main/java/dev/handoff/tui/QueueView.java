package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the queue screen shows, as plain state: rows keyed by handoff id, the cursor, filter,
 * sort, pause, highlights, connection state and the status line. No terminal here, so every rule
 * is testable; the UI maps keys to these methods and renders {@link #rows()}.
 *
 * <p>Rules:
 * <ul>
 *   <li>Rows keep their identity: the cursor follows its handoff when rows move. When its handoff
 *       leaves (resolved, filtered out), the cursor goes to the nearest neighbour it had, the next
 *       row first.</li>
 *   <li>Changes carry a version; an older version than the one shown is ignored, so a replayed
 *       or late event never undoes a newer state. Resolved handoffs leave the list.</li>
 *   <li>A Pending handoff that arrives after the first snapshot is highlighted until the operator
 *       moves the cursor onto it or the highlight time passes.</li>
 *   <li>Paused: the list is frozen and changes are buffered ("paused (N changes)"); unpausing
 *       applies them in order. The operator's own claim/release/resolve result is applied at once.</li>
 *   <li>Operator actions are checked locally with {@link Status#canMoveTo}; the server's refusal
 *       (409, claimed by someone else) is shown in the status line.</li>
 * </ul>
 * Not thread-safe: one UI thread owns it.
 */
public final class QueueView {

    /** The status line: a message and whether it reports a failure. */
    public record Message(String text, boolean error) {
    }

    private final Clock clock;

    private final QueueRows queue = new QueueRows(SortOrder.OLDEST.comparator());
    private final Highlights highlighted;
    private final List<Object> buffered = new ArrayList<>();

    private final RowCursor cursor = new RowCursor(queue);

    private final FilterPrompt filter = new FilterPrompt();
    private SortOrder sort = SortOrder.OLDEST;
    private final Panes panes = new Panes();
    private boolean paused;
    private boolean loaded;
    private ConnectionState connection;
    private final StatusLine status = new StatusLine();
    private long seq;
    private int resolvedThisSession;

    public QueueView(Clock clock, Duration highlightFor) {
        this.clock = clock;
        this.highlighted = new Highlights(clock, highlightFor);
        this.connection = new ConnectionState.Connecting(clock.instant());
    }

    private record BufferedChange(QueueEntry entry, long seq) {
    }

    // ---- feeding the view ----

    /** Replaces the queue with a snapshot (the first one, or a fresh one after a restart of the source). */
    public void applySnapshot(QueueSource.Snapshot snapshot) {
        if (paused) {
            buffered.add(snapshot);
            return;
        }
        Set<Long> before = queue.ids();
        // the old order, for the cursor's nearest neighbour
        List<QueueEntry> previous = queue.shownFrozen();
        int previousIndex = selectedIndex();
        queue.replaceAll(snapshot.items());
        for (QueueEntry e : snapshot.items()) {
            if (loaded && !before.contains(e.id()) && queue.contains(e.id()) && e.handoff().status() == Status.PENDING) {
                highlighted.add(e.id());
            }
        }
        highlighted.keepOnly(queue::contains);
        seq = Math.max(seq, snapshot.seq());
        loaded = true;
        cursor.afterRowsChanged(previous, previousIndex);
    }

    /** One handoff's new state from the source. */
    public void applyChange(QueueEntry entry, long changeSeq) {
        if (paused) {
            buffered.add(new BufferedChange(entry, changeSeq));
            return;
        }
        apply(entry, true);
        seq = Math.max(seq, changeSeq);
    }

    private void apply(QueueEntry entry, boolean mayHighlight) {
        QueueRows.Applied applied = queue.apply(entry);
        if (applied == null) {
            return; // older than what is shown
        }
        long id = entry.id();
        if (entry.handoff().status() == Status.RESOLVED) {
            if (applied.previous() != null) {
                highlighted.remove(id);
                resolvedThisSession++;
                cursor.afterChangeOf(id, applied.shownAt());
            }
            return;
        }
        cursor.afterChangeOf(id, applied.shownAt());
        if (entry.handoff().status() != Status.PENDING) {
            highlighted.remove(id);
        } else if (applied.previous() == null && loaded && mayHighlight) {
            highlighted.add(id);
        }
    }

    /** A source that is live again after being down clears a failure it left in the status line. */
    public void setConnection(ConnectionState state) {
        if (state instanceof ConnectionState.Live && !(connection instanceof ConnectionState.Live)) {
            status.sourceBack();
        }
        this.connection = state;
    }

    // ---- rows and cursor ----

    /** The visible rows: filtered, sorted; kept up to date change by change. */
    public List<QueueEntry> rows() {
        return cursor.rows();
    }

    /** Shows what the filter in force matches; the cursor stays on its handoff, else the nearest survivor. */
    private void refilter(boolean narrowing) {
        List<QueueEntry> previous = queue.shownFrozen();
        int previousIndex = selectedIndex();
        queue.filter(effectiveFilter(), narrowing);
        cursor.afterRowsChanged(previous, previousIndex);
    }

    public QueueEntry selected() {
        return cursor.selected();
    }

    /** Index of the cursor in {@link #rows()}, or -1 when there are no rows. */
    public int selectedIndex() {
        return cursor.index();
    }

    /** Moving onto a highlighted handoff counts as seeing it. */
    public void moveBy(int delta) {
        Long now = cursor.moveBy(delta);
        if (now != null) {
            highlighted.remove(now);
        }
    }

    public void moveToFirst() {
        moveBy(-Integer.MAX_VALUE / 2);
    }

    public void moveToLast() {
        moveBy(Integer.MAX_VALUE / 2);
    }

    /** First row to draw so that the cursor is inside a window of {@code height} rows. */
    public int scrollTop(int height) {
        return cursor.scrollTop(height);
    }

    // ---- filter, sort, panes, pause ----

    public void startFilter() {
        filter.open();
    }

    public boolean editingFilter() {
        return filter.editing();
    }

    /** Typing only narrows: the rows already shown are the only ones scanned. */
    public void typeFilter(String text) {
        if (filter.type(text)) {
            refilter(true);
        }
    }

    public void backspaceFilter() {
        if (filter.backspace()) {
            refilter(false);
        }
    }

    public void commitFilter() {
        if (filter.commit()) {
            refilter(false);
        }
    }

    public void cancelFilter() {
        if (filter.cancel()) {
            refilter(false);
        }
    }

    /** Esc outside the filter prompt: drop the filter. */
    public void clearFilter() {
        if (filter.clear()) {
            refilter(false);
        }
    }

    /** The filter in force: the one being typed, else the committed one. */
    public String effectiveFilter() {
        return filter.effective();
    }

    public String filterDraft() {
        return filter.draft();
    }

    public void cycleSort() {
        sort = sort.next();
        queue.sort(sort.comparator());
    }

    public SortOrder sort() {
        return sort;
    }

    public void toggleDetail() {
        panes.toggleDetail();
    }

    /** First body line the detail pane shows; the pane of another handoff starts at its top. */
    public int detailTop() {
        return panes.detailTop(selected());
    }

    /** Scrolls the detail pane of the selected handoff, within 0..{@code max} (what the screen size allows). */
    public void scrollDetail(int delta, int max) {
        panes.scrollDetail(selected(), delta, max);
    }

    /** First line of the help shown (a help taller than the screen scrolls). */
    public int helpTop() {
        return panes.helpTop();
    }

    public void scrollHelp(int delta, int max) {
        panes.scrollHelp(delta, max);
    }

    public boolean detailOpen() {
        return panes.detailOpen();
    }

    public void toggleHelp() {
        panes.toggleHelp();
    }

    public boolean helpOpen() {
        return panes.helpOpen();
    }

    public void togglePause() {
        if (!paused) {
            paused = true;
            return;
        }
        paused = false;
        List<Object> pending = new ArrayList<>(buffered);
        buffered.clear();
        for (Object o : pending) {
            if (o instanceof QueueSource.Snapshot s) {
                applySnapshot(s);
            } else if (o instanceof BufferedChange c) {
                applyChange(c.entry(), c.seq());
            }
        }
    }

    public boolean paused() {
        return paused;
    }

    /** Changes waiting while paused. */
    public int bufferedChanges() {
        return buffered.size();
    }

    // ---- operator actions ----

    /** Checks the action locally for {@code operator}; returns what to send, or empty with why not in the status line. */
    public Optional<OperatorAction.Request> request(OperatorAction action, String operator) {
        QueueEntry e = selected();
        if (e == null) {
            status.nothingSelected(action);
            return Optional.empty();
        }
        Handoff h = e.handoff();
        if (status.alreadyYours(action, h, operator)) {
            return Optional.empty();
        }
        if (!h.status().canMoveTo(action.target())) {
            status.notAllowed(action, h);
            return Optional.empty();
        }
        status.sent(action, h);
        return Optional.of(new OperatorAction.Request(action, h.id(), h.receivedAt()));
    }

    /** The source accepted; its answer is applied at once, even while paused. */
    public void actionSucceeded(OperatorAction.Request request, QueueEntry result) {
        apply(result, false);
        status.done(request.action(), result.handoff());
    }

    /** The source refused (409 claimed by someone else) or failed. */
    public void actionFailed(OperatorAction.Request request, HandoffException error) {
        QueueEntry e = queue.get(request.id());
        status.failed(request.action(), request.id(), e == null ? null : e.handoff(), error);
    }

    public void setMessage(String text, boolean error) {
        status.show(text, error);
    }

    public Message message() {
        return status.message();
    }

    // ---- what the header shows ----

    /** Rows per status over the whole queue (not only the filtered rows); Resolved counts this session. */
    public Map<Status, Integer> counts() {
        EnumMap<Status, Integer> c = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            c.put(s, queue.count(s));
        }
        c.put(Status.RESOLVED, resolvedThisSession);
        return c;
    }

    public int size() {
        return queue.size();
    }

    public boolean loaded() {
        return loaded;
    }

    public ConnectionState connection() {
        return connection;
    }

    public long seq() {
        return seq;
    }

    public boolean isHighlighted(long id) {
        return highlighted.contains(id);
    }

    /** Forgets highlights that timed out; called once a second by the UI. */
    public void tick() {
        highlighted.expire();
    }

    /** New Pending arrivals since the last call (for the bell). */
    public int takeNewArrivals() {
        return highlighted.takeNewArrivals();
    }

    public Instant now() {
        return clock.instant();
    }
}
