package dev.handoff.tui;

import dev.handoff.error.HandoffException;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** The sort cycle of the {@code s} key; oldest waiting first is the default. */
    public enum SortOrder {
        OLDEST("oldest first", Comparator.comparing(QueueEntry::waitingSince).thenComparingLong(QueueEntry::id)),
        NEWEST("newest first", Comparator.comparing(QueueEntry::waitingSince).thenComparingLong(QueueEntry::id).reversed()),
        STATUS("status", Comparator.comparing((QueueEntry e) -> e.handoff().status())
                .thenComparing(QueueEntry::waitingSince).thenComparingLong(QueueEntry::id)),
        NAME("name", Comparator.comparing((QueueEntry e) -> nameKey(e))
                .thenComparing(QueueEntry::waitingSince).thenComparingLong(QueueEntry::id));

        private final String label;
        private final Comparator<QueueEntry> comparator;

        SortOrder(String label, Comparator<QueueEntry> comparator) {
            this.label = label;
            this.comparator = comparator;
        }

        public String label() {
            return label;
        }

        public Comparator<QueueEntry> comparator() {
            return comparator;
        }

        public SortOrder next() {
            return values()[(ordinal() + 1) % values().length];
        }

        private static String nameKey(QueueEntry e) {
            String n = e.handoff().name();
            // blank names sort last
            return n == null || n.isBlank() ? "\uffff" : n.toLowerCase(Locale.ROOT);
        }
    }

    /** What an operator can do to the selected handoff, and the status it leads to. */
    public enum Action {
        CLAIM("claim", "claiming", "claimed", Status.IN_PROGRESS),
        RELEASE("release", "releasing", "released", Status.PENDING),
        RESOLVE("resolve", "resolving", "resolved", Status.RESOLVED);

        private final String verb;
        private final String doing;
        private final String done;
        private final Status target;

        Action(String verb, String doing, String done, Status target) {
            this.verb = verb;
            this.doing = doing;
            this.done = done;
            this.target = target;
        }

        public String verb() {
            return verb;
        }

        public Status target() {
            return target;
        }
    }

    /** An action the view allowed; the UI sends it to the source and reports back. */
    public record ActionRequest(Action action, long id) {
    }

    /** The status line: a message and whether it reports a failure. */
    public record Message(String text, boolean error) {
    }

    private static final int MAX_TOMBSTONES = 100_000;

    private final Clock clock;
    private final Duration highlightFor;

    private final Map<Long, QueueEntry> items = new HashMap<>();
    private final Map<Long, String> haystacks = new HashMap<>();
    private final Map<Long, Instant> highlighted = new HashMap<>();
    /** Versions of handoffs that left the queue, so that a late event does not bring them back. */
    private final Map<Long, Long> tombstones = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_TOMBSTONES;
        }
    };
    private final List<Object> buffered = new ArrayList<>();

    /** Every queued handoff in sort order; kept sorted by insertion, so a change never re-sorts. */
    private final List<QueueEntry> all = new ArrayList<>();
    /** What is shown: {@link #all} itself without a filter, else the matching part of it, same order. */
    private List<QueueEntry> rows = all;
    private List<QueueEntry> rowsView = Collections.unmodifiableList(all);
    /** The lower-cased needle {@link #rows} was filtered with. */
    private String shownNeedle = "";
    private final EnumMap<Status, Integer> counts = new EnumMap<>(Status.class);

    private Long selectedId;
    private int scrollTop;

    private String filter = "";
    private String draft;
    private SortOrder sort = SortOrder.OLDEST;
    private boolean detail;
    private boolean help;
    private boolean paused;
    private boolean loaded;
    private ConnectionState connection;
    private Message message;
    private long seq;
    private int resolvedThisSession;
    private int newArrivals;

    public QueueView(Clock clock, Duration highlightFor) {
        this.clock = clock;
        this.highlightFor = highlightFor;
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
        Map<Long, QueueEntry> before = new HashMap<>(items);
        // the old order, for the cursor's nearest neighbour (all is refilled below)
        List<QueueEntry> previous = rows == all ? List.copyOf(all) : rows;
        int previousIndex = selectedIndex();
        items.clear();
        haystacks.clear();
        counts.clear();
        for (QueueEntry e : snapshot.items()) {
            if (e.handoff().status() == Status.RESOLVED) {
                continue;
            }
            put(e);
            if (loaded && !before.containsKey(e.id()) && e.handoff().status() == Status.PENDING) {
                highlight(e.id());
            }
        }
        highlighted.keySet().retainAll(items.keySet());
        seq = Math.max(seq, snapshot.seq());
        loaded = true;
        all.clear();
        all.addAll(items.values());
        all.sort(sort.comparator);
        refilter(false, previous, previousIndex);
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
        long id = entry.id();
        long version = entry.handoff().version();
        QueueEntry current = items.get(id);
        if (current != null && version < current.handoff().version()) {
            return;
        }
        Long gone = tombstones.get(id);
        if (current == null && gone != null && version <= gone) {
            return;
        }
        int shownAt = current == null ? -1 : indexIn(rows, current);
        if (current != null) {
            remove(current);
        }
        if (entry.handoff().status() == Status.RESOLVED) {
            tombstones.put(id, version);
            if (current != null) {
                highlighted.remove(id);
                resolvedThisSession++;
                keepCursorNear(id, shownAt);
            }
            return;
        }
        tombstones.remove(id);
        put(entry);
        insertSorted(all, entry);
        if (rows != all && matches(entry)) {
            insertSorted(rows, entry);
        }
        keepCursorNear(id, shownAt);
        if (entry.handoff().status() != Status.PENDING) {
            highlighted.remove(id);
        } else if (current == null && loaded && mayHighlight) {
            highlight(id);
        }
    }

    private void put(QueueEntry e) {
        items.put(e.id(), e);
        haystacks.put(e.id(), haystack(e.handoff()));
        counts.merge(e.handoff().status(), 1, Integer::sum);
    }

    /** Takes a handoff out of every list; {@code e} must be the instance that is in them. */
    private void remove(QueueEntry e) {
        items.remove(e.id());
        haystacks.remove(e.id());
        counts.merge(e.handoff().status(), -1, Integer::sum);
        int i = indexIn(all, e);
        if (i >= 0) {
            all.remove(i);
        }
        if (rows != all) {
            int j = indexIn(rows, e);
            if (j >= 0) {
                rows.remove(j);
            }
        }
    }

    /** Position of {@code e} in a list sorted by the current order (ids break every tie), or -1. */
    private int indexIn(List<QueueEntry> list, QueueEntry e) {
        int i = Collections.binarySearch(list, e, sort.comparator);
        return i >= 0 && list.get(i).id() == e.id() ? i : -1;
    }

    private void insertSorted(List<QueueEntry> list, QueueEntry e) {
        int i = Collections.binarySearch(list, e, sort.comparator);
        list.add(i >= 0 ? i : -i - 1, e);
    }

    private boolean matches(QueueEntry e) {
        return shownNeedle.isEmpty() || haystacks.get(e.id()).contains(shownNeedle);
    }

    /** When the handoff under the cursor left the rows, the cursor takes the row that came next (else the one before). */
    private void keepCursorNear(long id, int shownAt) {
        if (selectedId == null || selectedId != id || shownAt < 0) {
            return;
        }
        QueueEntry now = items.get(id);
        if (now != null && indexIn(rows, now) >= 0) {
            return;
        }
        selectedId = rows.isEmpty() ? null : rows.get(Math.min(shownAt, rows.size() - 1)).id();
    }

    private void highlight(long id) {
        highlighted.put(id, clock.instant());
        newArrivals++;
    }

    private static String haystack(Handoff h) {
        StringBuilder sb = new StringBuilder();
        for (String s : new String[]{h.name(), h.phoneNumber(), h.reason(), h.summary()}) {
            if (s != null) {
                sb.append(s.toLowerCase(Locale.ROOT)).append('\u0000');
            }
        }
        return sb.toString();
    }

    public void setConnection(ConnectionState state) {
        this.connection = state;
    }

    // ---- rows and cursor ----

    /** The visible rows: filtered, sorted; kept up to date change by change. */
    public List<QueueEntry> rows() {
        if (selectedId == null && !rows.isEmpty()) {
            selectedId = rows.get(0).id();
        }
        return rowsView;
    }

    /**
     * Recomputes the shown rows after the filter changed (or a snapshot replaced everything): a
     * linear scan of the sorted queue, or of the shown rows when the filter only got longer.
     */
    private void refilter(boolean narrowing, List<QueueEntry> previous, int previousIndex) {
        String needle = effectiveFilter().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            rows = all;
        } else {
            List<QueueEntry> source = narrowing && needle.contains(shownNeedle) ? rows : all;
            List<QueueEntry> next = new ArrayList<>();
            for (QueueEntry e : source) {
                if (haystacks.get(e.id()).contains(needle)) {
                    next.add(e);
                }
            }
            rows = next;
        }
        shownNeedle = needle;
        rowsView = Collections.unmodifiableList(rows);
        if (selectedId != null && !shown(selectedId)) {
            selectedId = nearestSurvivor(previous, previousIndex);
        }
    }

    private void refilter(boolean narrowing) {
        List<QueueEntry> previous = rows == all ? List.copyOf(all) : rows;
        refilter(narrowing, previous, selectedIndex());
    }

    private boolean shown(long id) {
        QueueEntry e = items.get(id);
        return e != null && indexIn(rows, e) >= 0;
    }

    /** The closest row to {@code from} in the previous order that is still shown, the next one first. */
    private Long nearestSurvivor(List<QueueEntry> previous, int from) {
        if (from < 0) {
            return null;
        }
        for (int d = 1; d < previous.size(); d++) {
            int after = from + d;
            if (after < previous.size() && shown(previous.get(after).id())) {
                return previous.get(after).id();
            }
            int before = from - d;
            if (before >= 0 && shown(previous.get(before).id())) {
                return previous.get(before).id();
            }
            if (after >= previous.size() && before < 0) {
                break;
            }
        }
        return rows.isEmpty() ? null : rows.get(Math.min(from, rows.size() - 1)).id();
    }

    public QueueEntry selected() {
        rows();
        return selectedId == null ? null : items.get(selectedId);
    }

    /** Index of the cursor in {@link #rows()}, or -1 when there are no rows. */
    public int selectedIndex() {
        rows();
        QueueEntry e = selectedId == null ? null : items.get(selectedId);
        return e == null ? -1 : indexIn(rows, e);
    }

    public void moveBy(int delta) {
        List<QueueEntry> r = rows();
        if (r.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(r.size() - 1, selectedIndex() + delta));
        selectedId = r.get(i).id();
        highlighted.remove(selectedId);
    }

    public void moveToFirst() {
        moveBy(-Integer.MAX_VALUE / 2);
    }

    public void moveToLast() {
        moveBy(Integer.MAX_VALUE / 2);
    }

    /** First row to draw so that the cursor is inside a window of {@code height} rows. */
    public int scrollTop(int height) {
        int size = rows().size();
        int i = selectedIndex();
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

    // ---- filter, sort, panes, pause ----

    public void startFilter() {
        draft = filter;
    }

    public boolean editingFilter() {
        return draft != null;
    }

    public void typeFilter(String text) {
        if (draft != null) {
            draft += text;
            refilter(true);
        }
    }

    public void backspaceFilter() {
        if (draft != null && !draft.isEmpty()) {
            draft = draft.substring(0, draft.offsetByCodePoints(draft.length(), -1));
            refilter(false);
        }
    }

    public void commitFilter() {
        if (draft != null) {
            filter = draft.strip();
            draft = null;
            refilter(false);
        }
    }

    public void cancelFilter() {
        if (draft != null) {
            draft = null;
            refilter(false);
        }
    }

    /** Esc outside the filter prompt: drop the filter. */
    public void clearFilter() {
        if (!filter.isEmpty()) {
            filter = "";
            refilter(false);
        }
    }

    /** The filter in force: the one being typed, else the committed one. */
    public String effectiveFilter() {
        return draft != null ? draft : filter;
    }

    public String filterDraft() {
        return draft;
    }

    public void cycleSort() {
        sort = sort.next();
        all.sort(sort.comparator);
        if (rows != all) {
            rows.sort(sort.comparator);
        }
    }

    public SortOrder sort() {
        return sort;
    }

    public void toggleDetail() {
        detail = !detail;
    }

    public boolean detailOpen() {
        return detail;
    }

    public void toggleHelp() {
        help = !help;
    }

    public boolean helpOpen() {
        return help;
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

    /** Checks the action locally; returns what to send, or empty with the refusal in the status line. */
    public Optional<ActionRequest> request(Action action) {
        QueueEntry e = selected();
        if (e == null) {
            message = new Message("nothing selected to " + action.verb, true);
            return Optional.empty();
        }
        Handoff h = e.handoff();
        if (!h.status().canMoveTo(action.target)) {
            message = new Message("cannot " + action.verb + " " + ref(h) + ": it is " + describeStatus(h), true);
            return Optional.empty();
        }
        message = new Message(action.doing + " " + ref(h) + "...", false);
        return Optional.of(new ActionRequest(action, h.id()));
    }

    /** The source accepted; its answer is applied at once, even while paused. */
    public void actionSucceeded(ActionRequest request, QueueEntry result) {
        apply(result, false);
        message = new Message(request.action().done + " " + ref(result.handoff()), false);
    }

    /** The source refused (409 claimed by someone else) or failed. */
    public void actionFailed(ActionRequest request, HandoffException error) {
        QueueEntry e = items.get(request.id());
        String what = e != null ? ref(e.handoff()) : "#" + request.id();
        boolean refused = error.kind() == HandoffException.Kind.CONFLICT || error.kind() == HandoffException.Kind.AUTH;
        message = new Message(request.action().verb + " " + what + (refused ? " refused: " : " failed: ")
                + Text.clean(error.getMessage()), true);
    }

    public void setMessage(String text, boolean error) {
        message = text == null ? null : new Message(text, error);
    }

    public Message message() {
        return message;
    }

    private static String ref(Handoff h) {
        String name = Text.clean(h.name());
        return "#" + h.id() + (name.isBlank() ? "" : " (" + name + ")");
    }

    private static String describeStatus(Handoff h) {
        if (h.status() == Status.IN_PROGRESS && h.claimedBy() != null) {
            return h.status().label() + ", claimed by " + Text.clean(h.claimedBy());
        }
        return h.status().label();
    }

    // ---- what the header shows ----

    /** Rows per status over the whole queue (not only the filtered rows); Resolved counts this session. */
    public Map<Status, Integer> counts() {
        EnumMap<Status, Integer> c = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            c.put(s, counts.getOrDefault(s, 0));
        }
        c.put(Status.RESOLVED, resolvedThisSession);
        return c;
    }

    public int size() {
        return items.size();
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
        Instant since = highlighted.get(id);
        return since != null && clock.instant().isBefore(since.plus(highlightFor));
    }

    /** Forgets highlights that timed out; called once a second by the UI. */
    public void tick() {
        Instant now = clock.instant();
        for (Iterator<Instant> it = highlighted.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().plus(highlightFor))) {
                it.remove();
            }
        }
    }

    /** New Pending arrivals since the last call (for the bell). */
    public int takeNewArrivals() {
        int n = newArrivals;
        newArrivals = 0;
        return n;
    }

    public Instant now() {
        return clock.instant();
    }
}
