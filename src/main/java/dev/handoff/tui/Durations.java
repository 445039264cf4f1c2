package dev.handoff.tui;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Short durations as operators write and read them: "500ms", "5s", "2m", "1h30m". */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses "5s", "1m30s", "250ms"; throws IllegalArgumentException with the accepted forms. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        while (pos < s.length() && m.find(pos) && m.start() == pos) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            pos = m.end();
        }
        if (s.isEmpty() || pos != s.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (examples: 500ms, 5s, 2m, 1h30m)");
        }
        return total;
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
