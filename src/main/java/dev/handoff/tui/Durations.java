package dev.handoff.tui;

import java.time.Duration;
import java.util.Locale;

/** Waiting times as operators read them in a narrow column. */
public final class Durations {

    private Durations() {
    }

    /** Compact waiting time for a column of 6 characters: "45s", "12m", "3h05m", "2d04h". */
    public static String compact(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 24) {
            return String.format(Locale.ROOT, "%dh%02dm", h, m % 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", h / 24, h % 24);
    }
}
