package dev.handoff.config.validate;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Quickchat {@code availability} beyond its documented form (checked by {@link QuickchatContract}):
 * start before end, no overlapping slots, no repeated ids.
 */
final class AvailabilityRules {

    static final List<String> KEYS = List.of("id", "day_span", "start_time", "end_time");

    private record Slot(Cursor at, String span, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    }

    private AvailabilityRules() {
    }

    static void check(Checker c, Cursor availability) {
        if (!availability.node().isArray()) {
            return;
        }
        List<Slot> slots = new ArrayList<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < availability.node().size(); i++) {
            Cursor slot = availability.item(i, null);
            if (!slot.node().isObject()) {
                continue;
            }
            c.unknownKeys(slot, KEYS);
            Long id = Checker.integral(slot.child("id"));
            if (id != null) {
                Cursor first = ids.putIfAbsent(id, slot.child("id"));
                if (first != null) {
                    c.error(slot.child("id"), "duplicate id " + id + " (also at line " + c.locationOf(first).line() + ")",
                            "ids are assigned by the server; remove the id of a slot you added by copying another");
                }
            }
            Set<DayOfWeek> days = days(Checker.text(slot.child("day_span")));
            LocalTime start = time(Checker.text(slot.child("start_time")));
            LocalTime end = time(Checker.text(slot.child("end_time")));
            if (start != null && end != null && !start.isBefore(end)) {
                c.error(slot.child("end_time"), "end_time " + end + " is not after start_time " + start,
                        "a slot cannot cross midnight; split it into two slots, one ending 23:59 and one starting 00:00");
                continue;
            }
            if (days != null && start != null && end != null) {
                slots.add(new Slot(slot, slot.child("day_span").node().asText(), days, start, end));
            }
        }
        overlaps(c, slots);
    }

    private static void overlaps(Checker c, List<Slot> slots) {
        for (int j = 1; j < slots.size(); j++) {
            Slot later = slots.get(j);
            for (int i = 0; i < j; i++) {
                Slot earlier = slots.get(i);
                EnumSet<DayOfWeek> common = EnumSet.noneOf(DayOfWeek.class);
                common.addAll(later.days());
                common.retainAll(earlier.days());
                if (!common.isEmpty() && later.start().isBefore(earlier.end()) && earlier.start().isBefore(later.end())) {
                    c.error(later.at(), "overlaps the slot at line " + c.locationOf(earlier.at()).line() + " ("
                                    + earlier.span() + " " + earlier.start() + "-" + earlier.end() + ") on "
                                    + common.iterator().next().toString().toLowerCase(Locale.ROOT),
                            "make the slots of a day follow each other, or merge them into one slot");
                    break;
                }
            }
        }
    }

    /** The days a documented span covers, or null when it is not one (the contract reports it). */
    private static Set<DayOfWeek> days(String span) {
        Matcher m = span == null ? null : Formats.DAY_SPAN.matcher(span);
        if (m == null || !m.matches()) {
            return null;
        }
        DayOfWeek first = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        DayOfWeek last = m.group(2) == null ? first : DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        // a span may wrap over the week end ("friday-monday")
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            days.add(d);
            if (d == last) {
                return days;
            }
        }
    }

    private static LocalTime time(String text) {
        return text != null && Formats.HH_MM.matcher(text).matches() ? LocalTime.parse(text) : null;
    }
}
