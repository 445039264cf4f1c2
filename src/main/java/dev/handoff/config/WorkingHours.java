package dev.handoff.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * When operators are available. When {@code active} is false every instant is inside working
 * hours. A slot's end is exclusive; a day span may wrap ("friday-monday").
 */
public record WorkingHours(boolean active, ZoneId zone, List<Slot> slots) {

    public static final WorkingHours ALWAYS = new WorkingHours(false, ZoneId.of("UTC"), List.of());

    public record Slot(DayOfWeek from, DayOfWeek to, LocalTime start, LocalTime end) {

        /** Parses "monday" or "monday-friday"; throws IllegalArgumentException with a plain message. */
        public static Slot parse(String daySpan, String start, String end) {
            String[] parts = daySpan.trim().toLowerCase(Locale.ROOT).split("\\s*-\\s*");
            if (parts.length < 1 || parts.length > 2) {
                throw new IllegalArgumentException("day_span '" + daySpan + "' is not a day or a range such as monday-friday");
            }
            DayOfWeek from = day(parts[0], daySpan);
            DayOfWeek to = parts.length == 2 ? day(parts[1], daySpan) : from;
            return new Slot(from, to, time(start), time(end));
        }

        boolean covers(DayOfWeek day) {
            int f = from.getValue();
            int t = to.getValue();
            int d = day.getValue();
            return f <= t ? d >= f && d <= t : d >= f || d <= t;
        }

        private static DayOfWeek day(String name, String span) {
            try {
                return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + name + "' in day_span '" + span + "' is not a day name (monday ... sunday)");
            }
        }

        private static LocalTime time(String hhmm) {
            if (hhmm == null || !hhmm.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
                throw new IllegalArgumentException("'" + hhmm + "' is not a time in HH:MM format");
            }
            return LocalTime.parse(hhmm);
        }
    }

    public boolean isOpen(Instant instant) {
        if (!active) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        for (Slot slot : slots) {
            if (slot.covers(local.getDayOfWeek()) && !time.isBefore(slot.start()) && time.isBefore(slot.end())) {
                return true;
            }
        }
        return false;
    }
}
