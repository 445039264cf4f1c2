package dev.handoff.config.validate;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
            unquoted(c, slot.child("start_time"), start);
            unquoted(c, slot.child("end_time"), end);
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

    /**
     * Each day a slot overlaps an earlier one is reported: per day, the first such slot in the list,
     * one finding per earlier slot naming all its days (friday-monday 12:00-14:00 overlaps
     * monday-friday on monday and friday, and saturday 09:00-13:00 on saturday). Which slot that is
     * comes from {@link Cover} per day, not from comparing every pair: 30,000 slots took over a minute that way.
     */
    private static void overlaps(Checker c, List<Slot> slots) {
        Map<DayOfWeek, Cover> covers = new EnumMap<>(DayOfWeek.class);
        for (int j = 0; j < slots.size(); j++) {
            Slot later = slots.get(j);
            int from = minute(later.start());
            int to = minute(later.end());
            // earlier slot -> the days it is the first this one overlaps, in list order
            Map<Integer, List<String>> byEarlier = new TreeMap<>();
            for (DayOfWeek day : EnumSet.copyOf(later.days())) {
                int first = covers.computeIfAbsent(day, d -> new Cover()).firstSlot(from, to);
                if (first != Integer.MAX_VALUE) {
                    byEarlier.computeIfAbsent(first, i -> new ArrayList<>()).add(day.toString().toLowerCase(Locale.ROOT));
                }
            }
            for (var e : byEarlier.entrySet()) {
                Slot earlier = slots.get(e.getKey());
                c.error(later.at(), "overlaps the slot at line " + c.locationOf(earlier.at()).line() + " ("
                                + earlier.span() + " " + earlier.start() + "-" + earlier.end() + ") on " + and(e.getValue()),
                        "make the slots of a day follow each other, or merge them into one slot");
            }
            for (DayOfWeek day : later.days()) {
                covers.get(day).cover(from, to, j);
            }
        }
    }

    /** "monday", "monday and friday", "monday, tuesday and friday". */
    private static String and(List<String> days) {
        int n = days.size();
        return n == 1 ? days.get(0) : String.join(", ", days.subList(0, n - 1)) + " and " + days.get(n - 1);
    }

    private static int minute(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    /**
     * One day's minutes, each with the first slot (lowest index) that covers it. Slots are added
     * in list order, so a minute is set once; a range minimum tree answers "the first slot covering
     * any minute of [from, to)", which is the first slot a new one overlaps.
     */
    private static final class Cover {
        private static final int MINUTES = 24 * 60;
        private static final int LEAVES = Integer.highestOneBit(MINUTES - 1) << 1;

        private final int[] first = new int[2 * LEAVES];
        /** For a minute, the next minute at or after it that no slot covers yet (with path halving). */
        private final int[] uncovered = new int[MINUTES + 1];

        Cover() {
            java.util.Arrays.fill(first, Integer.MAX_VALUE);
            for (int m = 0; m <= MINUTES; m++) {
                uncovered[m] = m;
            }
        }

        /** The first slot covering a minute of [from, to), or Integer.MAX_VALUE. */
        int firstSlot(int from, int to) {
            int min = Integer.MAX_VALUE;
            for (int lo = from + LEAVES, hi = to + LEAVES; lo < hi; lo >>= 1, hi >>= 1) {
                if ((lo & 1) == 1) {
                    min = Math.min(min, first[lo++]);
                }
                if ((hi & 1) == 1) {
                    min = Math.min(min, first[--hi]);
                }
            }
            return min;
        }

        void cover(int from, int to, int slot) {
            for (int m = next(from); m < to; m = next(m + 1)) {
                uncovered[m] = m + 1;
                for (int i = m + LEAVES; i >= 1 && slot < first[i]; i >>= 1) {
                    first[i] = slot;
                }
            }
        }

        private int next(int m) {
            while (uncovered[m] != m) {
                uncovered[m] = uncovered[uncovered[m]];
                m = uncovered[m];
            }
            return m;
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

    /**
     * A valid time written without quotes: a YAML 1.1 reader (one the file may be pasted into)
     * takes 09:00 for 540 minutes, and fetch writes times quoted.
     */
    private static void unquoted(Checker c, Cursor at, LocalTime valid) {
        if (valid == null) {
            return;
        }
        String written = c.tree().writtenAt(at.pointer());
        if (written != null && written.equals(at.node().asText())) {
            c.warning(at, "is not in quotes", "write \"" + written + "\": unquoted, some YAML readers take it for a number of minutes");
        }
    }

    private static LocalTime time(String text) {
        return text != null && Formats.HH_MM.matcher(text).matches() ? LocalTime.parse(text) : null;
    }
}
