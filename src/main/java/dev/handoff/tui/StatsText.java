package dev.handoff.tui;

import dev.handoff.queue.stats.QueueStats;
import dev.handoff.queue.store.Outbox;
import dev.handoff.text.Invisible;

import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code handoff inbox stats} as text: tables with bars where a share reads faster as a length,
 * a sparkline for the day's hours. Plain characters only when {@code ascii} (a terminal or log
 * that cannot show block elements).
 */
public final class StatsText {

    static final int TOP = 10;
    static final int BAR = 24;
    /** The widest name column, in display columns; longer names are cut. */
    static final int NAME = 32;
    private static final String SPARKS = "▁▂▃▄▅▆▇█";
    private static final String ASCII_SPARKS = "_.-=+*#@";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final boolean ascii;
    private final StringBuilder out = new StringBuilder();

    private StatsText(boolean ascii) {
        this.ascii = ascii;
    }

    public static String render(QueueStats s, boolean ascii) {
        return new StatsText(ascii).all(s);
    }

    private String all(QueueStats s) {
        String window = s.since() == null ? "all handoffs in the inbox"
                : "handoffs received since " + WHEN.format(s.since().atZone(s.zone()));
        line(capitalise(window) + " (" + s.zone() + "): " + s.arrived());
        if (s.arrived() == 0) {
            // with --since 0 there is no wider window to try
            line(s.since() == null ? "  nothing to count: the inbox holds no handoffs yet; check --db"
                    : "  nothing to count; widen --since, or check --db");
            return out.toString();
        }
        line("  now " + s.pending() + " pending, " + s.inProgress() + " in progress, " + s.resolved() + " resolved");
        line("");
        table("Reasons (what the bot could learn to answer)", s.reasons(), s.arrived());
        table("Agents", s.agents(), s.arrived());
        hours(s.byHour());
        weekdays(s.byWeekday());
        line("");
        durations("Time to claim  ", s.timeToClaim(), "claimed");
        durations("Time to resolve", s.timeToResolve(), "resolved");
        if (s.resolved() > 0) {
            line("Resolved without a claim: " + s.resolvedUnclaimed() + " of " + s.resolved() + " (" + percent(s.resolvedUnclaimed(), s.resolved())
                    + "), closed from the queue without an operator taking the conversation");
        }
        if (s.lateDeliveries() > 0) {
            line("Late deliveries: " + s.lateDeliveries() + " arrived more than a minute after the platform created them");
        }
        return out.toString();
    }

    private void table(String title, List<QueueStats.Count> counts, long total) {
        line(title);
        // a reason or agent id comes from a webhook: escaped first (a line break would split the row), then
        // measured, cut and padded in display columns (an escape is six, a CJK character or emoji two)
        List<QueueStats.Count> top = counts.stream().limit(TOP).toList();
        List<String> names = top.stream().map(c -> Invisible.escaped(c.key())).toList();
        int width = Math.min(NAME, names.stream().mapToInt(Cells::columns).max().orElse(4));
        long max = counts.isEmpty() ? 1 : counts.get(0).count();
        for (int i = 0; i < top.size(); i++) {
            QueueStats.Count c = top.get(i);
            line("  " + Cells.pad(Cells.cut(names.get(i), width, ellipsis()), width)
                    + String.format(Locale.ROOT, " %7d %6s  %s", c.count(), percent(c.count(), total), bar(c.count(), max)));
        }
        if (counts.size() > TOP) {
            long rest = counts.stream().skip(TOP).mapToLong(QueueStats.Count::count).sum();
            line("  (" + (counts.size() - TOP) + " more, " + rest + " handoffs; -o json lists all)");
        }
        line("");
    }

    private void hours(long[] byHour) {
        long max = 1;
        int peak = 0;
        for (int h = 0; h < 24; h++) {
            if (byHour[h] > byHour[peak]) {
                peak = h;
            }
            max = Math.max(max, byHour[h]);
        }
        String sparks = ascii ? ASCII_SPARKS : SPARKS;
        StringBuilder line = new StringBuilder();
        for (long n : byHour) {
            line.append(n == 0 ? ' ' : sparks.charAt((int) Math.min(sparks.length() - 1, (n * sparks.length() - 1) / max)));
        }
        line("By hour of day  " + line + "  busiest " + String.format(Locale.ROOT, "%02d:00-%02d:00", peak, (peak + 1) % 24)
                + " (" + byHour[peak] + ")");
        line("                0     6     12    18   23");
    }

    private void weekdays(long[] byWeekday) {
        line("By weekday");
        long max = 1;
        for (long n : byWeekday) {
            max = Math.max(max, n);
        }
        for (int d = 0; d < 7; d++) {
            String day = DayOfWeek.of(d + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            line(String.format(Locale.ROOT, "  %s %7d  %s", day, byWeekday[d], bar(byWeekday[d], max)));
        }
    }

    private void durations(String title, QueueStats.Durations d, String what) {
        if (d.n() == 0) {
            line(title + "  none " + what + " yet");
            return;
        }
        line(String.format(Locale.ROOT, "%s  p50 %-6s  p90 %-6s  max %-6s  (%d %s)", title, Durations.compact(d.p50()),
                Durations.compact(d.p90()), Durations.compact(d.max()), d.n(), what));
    }

    private String bar(long n, long max) {
        int cells = (int) Math.round((double) n * BAR / Math.max(1, max));
        return (ascii ? "#" : "█").repeat(n > 0 ? Math.max(1, cells) : 0);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private String ellipsis() {
        return ascii ? "..." : "\u2026";
    }

    /**
     * The outbox by channel and state, all time; nothing when the inbox never notified anyone. A
     * channel name comes from the notify file: escaped, then padded by display columns.
     */
    public static String notifications(Map<String, Map<Outbox.State, Long>> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        Map<String, String> names = new LinkedHashMap<>();
        counts.keySet().forEach(k -> names.put(k, Invisible.escaped(k)));
        int width = names.values().stream().mapToInt(Cells::columns).max().orElse(0);
        StringBuilder b = new StringBuilder("\nNotifications (all time, by channel)\n");
        long failed = 0;
        for (var channel : counts.entrySet()) {
            b.append("  ").append(Cells.pad(names.get(channel.getKey()), width));
            for (Outbox.State state : Outbox.State.values()) {
                long n = channel.getValue().getOrDefault(state, 0L);
                b.append("  ").append(state.id()).append(' ').append(n);
            }
            b.append('\n');
            failed += channel.getValue().getOrDefault(Outbox.State.FAILED, 0L);
        }
        if (failed > 0) {
            b.append("  ").append(failed).append(failed == 1 ? " notification" : " notifications")
                    .append(" gave up: the inbox log's notify_failed lines say why\n");
        }
        return b.toString();
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
