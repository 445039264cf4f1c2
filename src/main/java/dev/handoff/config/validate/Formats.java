package dev.handoff.config.validate;

import dev.handoff.config.SecretNames;
import dev.handoff.text.Suggest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The documented forms of a text ({@link ContractRule.Format}): each check says what is wrong and what to write. */
final class Formats {

    /** What is wrong with a text, and what to do. */
    record Problem(String message, String hint) {
    }

    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    static final List<String> GENERIC_GUIDELINES = dev.handoff.config.yaml.CanonicalForm.GENERIC_GUIDELINES;

    private static final String DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    static final Pattern DAY_SPAN = Pattern.compile(DAY + "(?:-" + DAY + ")?");
    private static final Pattern LENIENT_DAY_SPAN = Pattern.compile("\\s*(\\p{Alpha}+)\\s*(?:-\\s*(\\p{Alpha}+)\\s*)?");
    static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    // deliberately loose: catches a name or a URL in the list, not every RFC 5322 corner
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cc}\\p{Cf}]+@[^@\\s.\\p{Cc}\\p{Cf}]+(\\.[^@\\s.\\p{Cc}\\p{Cf}]+)+");

    /**
     * Names of the IANA time-zone database that are not places: the server knows them, but they
     * are fixed offsets or old US/European rules. Each maps to the place a user usually means.
     * (Java leaves EST, MST and HST out of its own list; the database has them.)
     */
    private static final Map<String, String> LEGACY_ZONES = Map.ofEntries(
            Map.entry("EST", "America/New_York"), Map.entry("MST", "America/Denver"), Map.entry("HST", "Pacific/Honolulu"),
            Map.entry("EST5EDT", "America/New_York"), Map.entry("CST6CDT", "America/Chicago"),
            Map.entry("MST7MDT", "America/Denver"), Map.entry("PST8PDT", "America/Los_Angeles"),
            Map.entry("CET", "Europe/Paris"), Map.entry("MET", "Europe/Paris"), Map.entry("EET", "Europe/Athens"),
            Map.entry("WET", "Europe/Lisbon"));
    /** Abbreviations people write that the database does not have (the server refuses them). */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("EDT", "America/New_York"), Map.entry("CST", "America/Chicago"), Map.entry("CDT", "America/Chicago"),
            Map.entry("MDT", "America/Denver"), Map.entry("PST", "America/Los_Angeles"), Map.entry("PDT", "America/Los_Angeles"),
            Map.entry("AKST", "America/Anchorage"), Map.entry("BST", "Europe/London"), Map.entry("CEST", "Europe/Paris"),
            Map.entry("EEST", "Europe/Athens"), Map.entry("JST", "Asia/Tokyo"), Map.entry("AEST", "Australia/Sydney"),
            Map.entry("IST", "Asia/Kolkata"));
    private static final Set<String> DATABASE_ONLY = Set.of("EST", "MST", "HST");
    /** The database's fixed offsets (Etc/GMT0 and Etc/GMT+0 are UTC, which is a fine choice). */
    private static final Pattern ETC_OFFSET = Pattern.compile("Etc/GMT([+-])(1[0-4]|[1-9])");

    private Formats() {
    }

    static String describe(ContractRule.Format format) {
        return switch (format) {
            case TIME_ZONE -> "a name of the IANA time-zone database";
            case TIME_ZONE_ABBREVIATION -> "a place (Area/City), not an abbreviation such as EST";
            case DAY_SPAN -> "a lower-case day or range of days: monday, monday-friday";
            case HH_MM -> "HH:MM, 00:00 to 23:59";
            case GENERIC_GUIDELINE -> "one of " + String.join(", ", GENERIC_GUIDELINES);
            case EMAIL -> "an e-mail address";
            case POSITIVE -> "a positive integer";
            case HTTP_URL -> "an absolute http(s) URL";
        };
    }

    /** The problem with {@code value} (a string, or a number for POSITIVE), or null when it has the form. */
    static Problem check(ContractRule.Format format, com.fasterxml.jackson.databind.JsonNode value) {
        if (format == ContractRule.Format.POSITIVE) {
            return value.isIntegralNumber() && value.asLong() <= 0
                    ? new Problem(value.asText() + " is not a user id", "user ids are positive integers; copy them from the dashboard")
                    : null;
        }
        if (!value.isTextual()) {
            return null; // its type rule reports it
        }
        String text = value.asText();
        return switch (format) {
            case TIME_ZONE -> timeZone(text);
            case TIME_ZONE_ABBREVIATION -> notAPlace(text);
            case DAY_SPAN -> daySpan(text);
            case HH_MM -> time(text);
            case GENERIC_GUIDELINE -> GENERIC_GUIDELINES.contains(text) ? null : genericName(text);
            case EMAIL -> EMAIL.matcher(text.trim()).matches() ? null
                    : new Problem("'" + text + "' is not an email address", "write one address per item, e.g. support@example.com");
            case HTTP_URL -> url(text);
            case POSITIVE -> null;
        };
    }

    private static Problem notAPlace(String text) {
        String place = LEGACY_ZONES.get(text);
        // SystemV/AST4 and the like: fixed offsets or old US rules, dropped from the IANA database in 2020b
        boolean systemV = text.startsWith("SystemV/");
        if (place != null || systemV) {
            ZoneRules rules = rulesOf(text);
            boolean fixed = rules != null && rules.isFixedOffset();
            // said from what the zone does: CET and MET follow summer time, EST and SystemV/AST4 do not
            return new Problem("'" + text + "' is a legacy zone name, not a place"
                    + (systemV ? ", and no longer in the IANA database" : "") + (rules == null ? "" : ": " + behaviour(rules)),
                    "a valid name; to " + (fixed ? "follow local daylight saving time" : "name the clock you keep") + " write "
                            + (place != null ? place + " (or the city zone you mean)" : "the place whose clock you keep, such as America/Halifax"));
        }
        Matcher offset = ETC_OFFSET.matcher(text);
        if (offset.matches()) {
            // POSIX signs: Etc/GMT-2 is two hours ahead of UTC, the trap that makes these worth a warning
            String utc = "UTC" + ("-".equals(offset.group(1)) ? "+" : "-") + offset.group(2);
            return new Problem("'" + text + "' is a fixed offset, not a place: it ignores daylight saving time; note "
                    + text + " means " + utc,
                    "a valid name; to follow local daylight saving time write the place whose clock you keep, "
                            + "such as Europe/Bucharest");
        }
        return null;
    }

    /** The zone's rules; EST, MST and HST, which Java leaves out of its list, are the fixed offsets the database gives them. */
    private static ZoneRules rulesOf(String zone) {
        try {
            return ZoneId.of(zone, ZoneId.SHORT_IDS).getRules();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** "it keeps UTC-5 all year" or "it switches between UTC+1 and UTC+2 for daylight saving time", as the rules say this year. */
    private static String behaviour(ZoneRules rules) {
        if (rules.isFixedOffset()) {
            return "it keeps " + utc(rules.getOffset(Instant.EPOCH)) + " all year, without daylight saving time";
        }
        int year = Year.now(ZoneOffset.UTC).getValue();
        ZoneOffset january = rules.getOffset(LocalDate.of(year, 1, 15).atStartOfDay().toInstant(ZoneOffset.UTC));
        ZoneOffset july = rules.getOffset(LocalDate.of(year, 7, 15).atStartOfDay().toInstant(ZoneOffset.UTC));
        if (january.equals(july)) {
            return "it keeps " + utc(january) + " all year now";
        }
        boolean januaryFirst = january.getTotalSeconds() < july.getTotalSeconds();
        ZoneOffset low = januaryFirst ? january : july;
        ZoneOffset high = januaryFirst ? july : january;
        return "it switches between " + utc(low) + " and " + utc(high) + " for daylight saving time";
    }

    /** UTC+1, UTC-5, UTC+5:30, UTC. */
    static String utc(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        int minutes = Math.abs(seconds) / 60;
        return "UTC" + (seconds < 0 ? "-" : "+") + minutes / 60 + (minutes % 60 == 0 ? "" : String.format(":%02d", minutes % 60));
    }

    /** Whether the IANA database (as the server reads it) has the name. */
    static boolean inTimeZoneDatabase(String zone) {
        if (DATABASE_ONLY.contains(zone)) {
            return true;
        }
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            return false;
        }
        return !zone.matches("(?i)(utc|gmt|ut)[+-].*");
    }

    private static Problem timeZone(String zone) {
        if (inTimeZoneDatabase(zone)) {
            return null;
        }
        if (zone.isBlank()) {
            // the nearest name by edit distance to nothing is any short one ("did you mean 'GB'?")
            return new Problem("the time zone is empty", "write an IANA time zone name such as Europe/London or America/New_York");
        }
        String hint;
        if (ABBREVIATIONS.containsKey(zone.toUpperCase(Locale.ROOT))) {
            hint = "write the place instead: " + ABBREVIATIONS.get(zone.toUpperCase(Locale.ROOT));
        } else if (zone.equalsIgnoreCase("Z") || zone.equalsIgnoreCase("Zulu")) {
            // "did you mean 'NZ'?" once suggested New Zealand, twelve hours away
            hint = "'Z' is UTC written as an offset: write UTC, or the place whose hours you mean (e.g. Europe/London)";
        } else if (zone.matches("(?i)(utc|gmt)?\\s*[+-].*")) {
            hint = "use a region such as Europe/Berlin, so that daylight saving time is followed";
        } else {
            hint = Suggest.didYouMean(zone, ZoneId.getAvailableZoneIds());
        }
        if (hint == null) {
            hint = "use an IANA time zone name such as Europe/London or America/New_York";
        }
        return new Problem("'" + zone + "' is not an IANA time zone", hint);
    }

    private static Problem daySpan(String text) {
        if (DAY_SPAN.matcher(text).matches()) {
            return null;
        }
        Matcher lenient = LENIENT_DAY_SPAN.matcher(text);
        if (lenient.matches()) {
            String from = lenient.group(1).toLowerCase(Locale.ROOT);
            String to = lenient.group(2) == null ? null : lenient.group(2).toLowerCase(Locale.ROOT);
            String canonical = to == null ? from : from + "-" + to;
            if (DAY_SPAN.matcher(canonical).matches()) {
                return new Problem("day_span '" + text + "' is not written as documented (lower case, no spaces)",
                        "write '" + canonical + "'");
            }
            String bad = from.matches(DAY) ? to : from;
            String suggestion = Suggest.didYouMean(bad, DAYS);
            return new Problem("'" + bad + "' is not a day name",
                    suggestion != null ? suggestion : "use monday ... sunday, or a range such as monday-friday");
        }
        return new Problem("day_span '" + text + "' is not a day or a range of days",
                "write a day (monday) or a range (monday-friday); make one slot per range");
    }

    private static Problem time(String text) {
        if (HH_MM.matcher(text).matches()) {
            return null;
        }
        String hint = text.matches("[0-9]:[0-5][0-9]") ? "write two digits for the hour: 0" + text
                : text.equals("24:00") ? "use 23:59 for the end of the day"
                : "write the time as HH:MM (00:00 to 23:59), e.g. 09:00";
        return new Problem("'" + text + "' is not a time in HH:MM format", hint);
    }

    private static Problem genericName(String text) {
        String suggestion = Suggest.didYouMean(text, GENERIC_GUIDELINES);
        return new Problem("'" + text + "' is not a generic guideline", (suggestion != null ? suggestion + " " : "")
                + "The five are: " + String.join(", ", GENERIC_GUIDELINES) + "; put your own rules under custom_guidelines");
    }

    private static Problem url(String text) {
        if (PlugitRules.ENV_PLACEHOLDER.matcher(text.strip()).matches()) {
            return null; // a secret URL (a Slack webhook, a ?token=) kept outside the file; the remote checks its value
        }
        // a URL with user info or a query may carry a credential: it is named, not quoted
        String shown = text.contains("@") || text.contains("?") || SecretNames.isSecretText(text) ? "the URL" : "'" + text + "'";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            String why = shown.equals("the URL") ? "" : ": " + e.getReason();
            return new Problem(shown + " is not a URL" + why, "write an absolute https:// URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Problem(shown + " is not an http(s) URL", "write an absolute https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return new Problem(shown + " has no host", "write an absolute https:// URL");
        }
        return null;
    }
}
