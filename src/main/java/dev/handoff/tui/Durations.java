package dev.handoff.tui;

import java.time.Duration;
import java.time.Instant;

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
        // concatenation, not String.format: this runs for every visible row of every frame
        if (h < 24) {
            return h + "h" + twoDigits(m % 60) + "m";
        }
        return h / 24 + "d" + twoDigits(h % 24) + "h";
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /**
     * The waiting time of a row, "3m", followed by the age of the platform's {@code created_at}
     * when the delivery was late: "3m (sent 41m ago)". The person has waited since they asked,
     * the queue only knows since it was told; both are worth seeing when they differ.
     */
    public static String waited(QueueEntry e, Instant now) {
        String waiting = compact(Duration.between(e.waitingSince(), now));
        Instant sent = e.sentLateAt();
        return sent == null ? waiting : waiting + " (sent " + compact(Duration.between(sent, now)) + " ago)";
    }
}
