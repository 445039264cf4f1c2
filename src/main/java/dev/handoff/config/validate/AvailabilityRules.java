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
import java.util.regex.Pattern;

/** Quickchat {@code availability}: day spans, {@code HH:MM} times, start before end, no overlapping slots. */
final class AvailabilityRules {

    static final List<String> KEYS = List.of("id", "day_span", "start_time", "end_time");

    private static final String DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final Pattern DAY_SPAN = Pattern.compile(DAY + "(?:-" + DAY + ")?");
    private static final Pattern LENIENT_DAY_SPAN = Pattern.compile("\\s*(\\p{Alpha}+)\\s*(?:-\\s*(\\p{Alpha}+)\\s*)?");
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private record Slot(Cursor at, String span, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    }

    private AvailabilityRules() {
    }

    static void check(Checker c, Cursor availability) {
        if (!c.expect(availability, Checker.Type.LIST)) {
            return;
        }
        List<Slot> slots = new ArrayList<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < availability.node().size(); i++) {
            Cursor slot = availability.item(i, null);
            if (!c.require(slot, Checker.Type.MAPPING, "each slot has day_span, start_time and end_time")) {
                continue;
            }
            c.unknownKeys(slot, KEYS);
            Long id = c.integer(slot.child("id"));
            if (id != null) {
                Cursor first = ids.putIfAbsent(id, slot.child("id"));
                if (first != null) {
                    c.error(slot.child("id"), "duplicate id " + id + " (also at line " + c.locationOf(first).line() + ")",
                            "ids are assigned by the server; remove the id of a slot you added by copying another");
                }
            }
            Set<DayOfWeek> days = daySpan(c, slot.child("day_span"));
            LocalTime start = time(c, slot.child("start_time"));
            LocalTime end = time(c, slot.child("end_time"));
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

    /** The days a span covers, or null when it is not a day span (reported). */
    private static Set<DayOfWeek> daySpan(Checker c, Cursor at) {
        if (!c.require(at, Checker.Type.STRING, "write a day or a range such as monday-friday")) {
            return null;
        }
        String text = at.node().asText();
        Matcher strict = DAY_SPAN.matcher(text);
        if (strict.matches()) {
            return days(strict.group(1), strict.group(2));
        }
        Matcher lenient = LENIENT_DAY_SPAN.matcher(text);
        if (lenient.matches()) {
            String from = lenient.group(1).toLowerCase(Locale.ROOT);
            String to = lenient.group(2) == null ? null : lenient.group(2).toLowerCase(Locale.ROOT);
            String canonical = to == null ? from : from + "-" + to;
            if (DAY_SPAN.matcher(canonical).matches()) {
                c.warning(at, "day_span '" + text + "' is not written as documented", "write '" + canonical + "'");
                return days(from, to);
            }
            String bad = from.matches(DAY) ? to : from;
            String suggestion = Suggest.didYouMean(bad, List.of("monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday"));
            c.error(at, "'" + bad + "' is not a day name", suggestion != null ? suggestion
                    : "use monday ... sunday, or a range such as monday-friday");
            return null;
        }
        c.error(at, "day_span '" + text + "' is not a day or a range of days",
                "write a day (monday) or a range (monday-friday); make one slot per range");
        return null;
    }

    private static Set<DayOfWeek> days(String from, String to) {
        DayOfWeek first = DayOfWeek.valueOf(from.toUpperCase(Locale.ROOT));
        DayOfWeek last = to == null ? first : DayOfWeek.valueOf(to.toUpperCase(Locale.ROOT));
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        // a span may wrap over the week end ("friday-monday")
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            days.add(d);
            if (d == last) {
                return days;
            }
        }
    }

    private static LocalTime time(Checker c, Cursor at) {
        if (!c.require(at, Checker.Type.STRING, "write the time as HH:MM, e.g. 09:00")) {
            return null;
        }
        String text = at.node().asText();
        if (!HH_MM.matcher(text).matches()) {
            String hint = text.matches("[0-9]:[0-5][0-9]") ? "write two digits for the hour: 0" + text
                    : text.equals("24:00") ? "use 23:59 for the end of the day"
                    : "write the time as HH:MM (00:00 to 23:59), e.g. 09:00";
            c.error(at, "'" + text + "' is not a time in HH:MM format", hint);
            return null;
        }
        return LocalTime.parse(text);
    }
}
