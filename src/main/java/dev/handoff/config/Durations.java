package dev.handoff.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One grammar for durations, on the command line and in files: "500ms", "5s", "2m", "1h30m", "7d", or plain seconds. */
public final class Durations {

    /** Twelve digits per part: enough for any real duration, and no part can overflow a long. */
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final String FORMS = "examples: 500ms, 5s, 2m, 1h30m, 7d, or seconds";
    /** The units, largest first: a duration gives each at most once, in this order. */
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");

    private Durations() {
    }

    /** Throws IllegalArgumentException naming the accepted forms. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.matches("\\d{1,12}")) {
            return Duration.ofSeconds(Long.parseLong(s));
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int pos = 0;
        String lastUnit = null;
        List<String> parts = new ArrayList<>();
        boolean unordered = false;
        try {
            while (pos < s.length() && m.find(pos) && m.start() == pos) {
                String unit = m.group(2);
                if (parts.stream().anyMatch(p -> unitOf(p).equals(unit))) {
                    // "1d1d" is more likely a typo for "11d" than a wish for 2 days: summing it would hide that
                    throw new IllegalArgumentException("'" + text + "' gives the unit " + unit + " more than once"
                            + " (each unit once, largest first: 1h30m, 7d12h)");
                }
                if (lastUnit != null && UNITS.indexOf(unit) < UNITS.indexOf(lastUnit)) {
                    unordered = true;
                }
                lastUnit = unit;
                parts.add(m.group());
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
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (" + FORMS + ")");
        }
        if (s.isEmpty() || pos != s.length()) {
            String why = s.matches("\\d+") || s.matches("(\\d+(ms|s|m|h|d))+") ? "has a number over 12 digits" : "is not a duration";
            throw new IllegalArgumentException("'" + text + "' " + why + " (" + FORMS + ")");
        }
        if (unordered) {
            parts.sort(Comparator.comparingInt(p -> UNITS.indexOf(unitOf(p))));
            throw new IllegalArgumentException("'" + text + "' has its units out of order (largest first: " + String.join("", parts) + ")");
        }
        return total;
    }

    private static String unitOf(String part) {
        return part.replaceFirst("^\\d+", "");
    }
}
