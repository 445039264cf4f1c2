package dev.handoff.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One grammar for durations, on the command line and in files: "500ms", "5s", "2m", "1h30m", "7d", or plain seconds. */
public final class Durations {

    /** Twelve digits per part: enough for any real duration, and no part can overflow a long. */
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final String FORMS = "examples: 500ms, 5s, 2m, 1h30m, 7d, or seconds";

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
        try {
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
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (" + FORMS + ")");
        }
        if (s.isEmpty() || pos != s.length()) {
            String why = s.matches("\\d+") || s.matches("(\\d+(ms|s|m|h|d))+") ? "has a number over 12 digits" : "is not a duration";
            throw new IllegalArgumentException("'" + text + "' " + why + " (" + FORMS + ")");
        }
        return total;
    }
}
