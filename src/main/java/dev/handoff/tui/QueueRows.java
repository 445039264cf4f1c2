package dev.handoff.tui;

import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The queued handoffs as an ordered, filtered collection: every handoff by id, the whole queue in
 * sort order, and the part of it the filter shows. Kept sorted change by change (a binary-search
 * insertion, never a re-sort), so that a burst of changes on a long queue stays cheap.
 *
 * <p>Versions decide: a change older than the handoff it would replace is ignored, and a resolved
 * handoff leaves a tombstone so that a late event cannot bring it back. Cursor, highlights and
 * everything else the operator sees are {@link QueueView}'s business.
 */
final class QueueRows {

    private static final int MAX_TOMBSTONES = 100_000;

    /** What {@link #apply} did: the entry it replaced (null for a new one) and where that was shown (-1 if not). */
    record Applied(QueueEntry previous, int shownAt) {
    }

    private final Map<Long, QueueEntry> items = new HashMap<>();
    private final Map<Long, String> haystacks = new HashMap<>();
    /** Versions of handoffs that left the queue, so that a late event does not bring them back. */
    private final Map<Long, Long> tombstones = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > MAX_TOMBSTONES;
        }
    };
    private final EnumMap<Status, Integer> counts = new EnumMap<>(Status.class);

    /** Every queued handoff in sort order. */
    private final List<QueueEntry> all = new ArrayList<>();
    /** What is shown: {@link #all} itself without a filter, else the matching part of it, same order. */
    private List<QueueEntry> shown = all;
    private List<QueueEntry> shownView = Collections.unmodifiableList(all);
    /** The lower-cased needle {@link #shown} was filtered with. */
    private String needle = "";
    private Comparator<QueueEntry> order;

    QueueRows(Comparator<QueueEntry> order) {
        this.order = order;
    }

    /** Replaces everything with these handoffs (resolved ones are left out), then filters again. */
    void replaceAll(List<QueueEntry> entries) {
        items.clear();
        haystacks.clear();
        counts.clear();
        for (QueueEntry e : entries) {
            if (e.handoff().status() != Status.RESOLVED) {
                put(e);
            }
        }
        all.clear();
        all.addAll(items.values());
        all.sort(order);
        filter(needle, false);
    }

    /**
     * One handoff's new state; null when it is older than what is known (ignored). A resolved
     * handoff leaves the queue.
     */
    Applied apply(QueueEntry entry) {
        long id = entry.id();
        long version = entry.handoff().version();
        QueueEntry current = items.get(id);
        if (current != null && version < current.handoff().version()) {
            return null;
        }
        Long gone = tombstones.get(id);
        if (current == null && gone != null && version <= gone) {
            return null;
        }
        int shownAt = current == null ? -1 : indexIn(shown, current);
        if (current != null) {
            remove(current);
        }
        if (entry.handoff().status() == Status.RESOLVED) {
            tombstones.put(id, version);
            return new Applied(current, shownAt);
        }
        tombstones.remove(id);
        put(entry);
        insertSorted(all, entry);
        if (shown != all && matches(entry)) {
            insertSorted(shown, entry);
        }
        return new Applied(current, shownAt);
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
        if (shown != all) {
            int j = indexIn(shown, e);
            if (j >= 0) {
                shown.remove(j);
            }
        }
    }

    /** Position of {@code e} in a list sorted by the current order (ids break every tie), or -1. */
    private int indexIn(List<QueueEntry> list, QueueEntry e) {
        int i = Collections.binarySearch(list, e, order);
        return i >= 0 && list.get(i).id() == e.id() ? i : -1;
    }

    private void insertSorted(List<QueueEntry> list, QueueEntry e) {
        int i = Collections.binarySearch(list, e, order);
        list.add(i >= 0 ? i : -i - 1, e);
    }

    private boolean matches(QueueEntry e) {
        return needle.isEmpty() || haystacks.get(e.id()).contains(needle);
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

    /**
     * Shows the handoffs whose name, phone, reason or summary contain {@code text} (any case): a
     * linear scan of the sorted queue, or only of the shown rows when the filter got longer.
     */
    void filter(String text, boolean narrowing) {
        String next = text.toLowerCase(Locale.ROOT);
        if (next.isEmpty()) {
            shown = all;
        } else {
            List<QueueEntry> source = narrowing && next.contains(needle) ? shown : all;
            List<QueueEntry> kept = new ArrayList<>();
            for (QueueEntry e : source) {
                if (haystacks.get(e.id()).contains(next)) {
                    kept.add(e);
                }
            }
            shown = kept;
        }
        needle = next;
        shownView = Collections.unmodifiableList(shown);
    }

    void sort(Comparator<QueueEntry> next) {
        order = next;
        all.sort(order);
        if (shown != all) {
            shown.sort(order);
        }
    }

    /** The shown rows, read-only and live. */
    List<QueueEntry> shown() {
        return shownView;
    }

    /** The shown rows as they are now, unaffected by later changes (for finding a cursor's neighbour). */
    List<QueueEntry> shownFrozen() {
        // a filtered list is replaced, never changed, by filter(); the unfiltered one changes in place
        return shown == all ? List.copyOf(all) : shown;
    }

    /** Index of the handoff in the shown rows, or -1 when it is not queued or filtered out. */
    int indexOf(long id) {
        QueueEntry e = items.get(id);
        return e == null ? -1 : indexIn(shown, e);
    }

    QueueEntry get(long id) {
        return items.get(id);
    }

    Set<Long> ids() {
        return new HashSet<>(items.keySet());
    }

    boolean contains(long id) {
        return items.containsKey(id);
    }

    int size() {
        return items.size();
    }

    int count(Status status) {
        return counts.getOrDefault(status, 0);
    }
}
