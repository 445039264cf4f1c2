package dev.handoff.eval;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;

/** The outside-working-hours counts as one line each, for the text and Markdown reports: only the days and hours that have any. */
final class OutsideHours {

    private OutsideHours() {
    }

    /** "Mon 1, Sat 1", Monday first; empty when none. */
    static String byWeekday(long[] perDay) {
        StringBuilder out = new StringBuilder();
        for (DayOfWeek d : DayOfWeek.values()) {
            long n = perDay[d.getValue() - 1];
            if (n > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append(' ').append(n);
            }
        }
        return out.toString();
    }

    /** "12-13h 1, 23-24h 1"; empty when none. */
    static String byHour(long[] perHour) {
        StringBuilder out = new StringBuilder();
        for (int h = 0; h < perHour.length; h++) {
            if (perHour[h] > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%02d-%02dh %d", h, h + 1, perHour[h]));
            }
        }
        return out.toString();
    }
}
