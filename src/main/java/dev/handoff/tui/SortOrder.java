package dev.handoff.tui;

import java.util.Comparator;
import java.util.Locale;

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
