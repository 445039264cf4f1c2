package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.CatyConfig;
import dev.handoff.config.LocalConfig;
import dev.handoff.text.Suggest;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Caty's human-handoff settings (seed caty-handoff-triggers-availability.txt): the triggers of
 * Settings -> Human Handoff, availability by weekday in a time zone, the offline message and the
 * notification channels. Caty documents no API and no limits, so lengths are warnings at the
 * limits this tool documents, never errors.
 */
final class CatyRules {

    static final List<String> ROOT_KEYS = List.of(LocalConfig.HEADER, "triggers", "availability", "offline_message", "notifications");
    static final List<String> AVAILABILITY_KEYS = List.of("timezone", "hours");
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    static final List<String> HOURS_KEYS = List.of("start", "end");
    static final List<String> NOTIFICATION_KEYS = List.of("email", "whatsapp");
    static final List<String> CHANNEL_KEYS = List.of("enabled", "to");

    /** What a visitor reads in a chat bubble; longer messages are cut or scroll on phones. */
    static final int OFFLINE_MESSAGE_MAX = 500;

    private static final String AVAILABILITY_HINT = "write timezone: and hours: under it, e.g. timezone: Europe/Bucharest, "
            + "hours: {monday: {start: \"09:00\", end: \"18:00\"}}; leave it out when someone is always available";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Checker c;

    private CatyRules(Checker c) {
        this.c = c;
    }

    static void check(Checker c, Cursor root) {
        new CatyRules(c).check(root);
    }

    private void check(Cursor root) {
        c.unknownKeys(root, ROOT_KEYS);
        Cursor triggers = root.child("triggers");
        if (c.require(triggers, Checker.Type.MAPPING, "write the triggers under 'triggers:', one a line, e.g. user_request: true")) {
            CatyTriggerRules.check(c, triggers);
        }
        Cursor availability = root.child("availability");
        boolean hasHours = c.expect(availability, Checker.Type.MAPPING, AVAILABILITY_HINT) && availability(availability);
        Cursor offline = root.child("offline_message");
        String text = c.string(offline, "write the message as one text");
        if (text != null) {
            if (text.isBlank()) {
                c.warning(offline, "is empty: a visitor outside working hours would see a blank message",
                        "write what a visitor sees when nobody is available, or leave the key out");
            }
            int length = text.codePointCount(0, text.length());
            if (length > OFFLINE_MESSAGE_MAX) {
                c.warning(offline, "is " + length + " characters long; messages over " + OFFLINE_MESSAGE_MAX
                        + " characters are hard to read in a chat bubble", "shorten it by " + (length - OFFLINE_MESSAGE_MAX) + " characters");
            }
        } else if (hasHours && Checker.absent(offline)) {
            c.warningAtKey(availability, "availability is set but there is no offline_message",
                    "write what a visitor sees outside working hours (collect contact info, promise a call-back)");
        }
        Cursor notifications = root.child("notifications");
        if (c.expect(notifications, Checker.Type.MAPPING, "write the channels under it, e.g. email: {enabled: true, to: [support@example.com]}")) {
            notifications(notifications);
        }
    }

    /** True when working hours are set (some day has hours). */
    private boolean availability(Cursor availability) {
        c.unknownKeys(availability, AVAILABILITY_KEYS);
        Cursor timezone = availability.child("timezone");
        if (c.string(timezone, "write an IANA time zone name such as Europe/Bucharest") != null) {
            timezone(timezone);
        }
        Cursor hours = availability.child("hours");
        if (!c.require(hours, Checker.Type.MAPPING, "write hours by weekday, e.g. monday: {start: \"09:00\", end: \"18:00\"}")) {
            return false;
        }
        if (Checker.absent(timezone)) {
            c.warningAtKey(availability, "no timezone: the hours are read as UTC", "set availability.timezone, e.g. Europe/Bucharest");
        }
        List<String> days = new ArrayList<>();
        hours.node().fieldNames().forEachRemaining(days::add);
        for (String day : days) {
            Cursor d = hours.child(day);
            if (!DAYS.contains(day)) {
                String folded = day.trim().toLowerCase(Locale.ROOT);
                String suggestion = DAYS.contains(folded) ? "write it in lower case: " + folded : Suggest.didYouMean(day, DAYS);
                c.errorAtKey(d, "'" + day + "' is not a weekday", suggestion != null ? suggestion : "use monday ... sunday");
                continue;
            }
            if (d.node().isTextual()) {
                // "thursday: closed" is the natural way to write it, and replay would read it so anyway
                c.error(d, "expected a mapping with 'start' and 'end', found a string",
                        "leave the day out: a day that is not listed is closed");
                continue;
            }
            if (!c.require(d, Checker.Type.MAPPING, "give the day a start and an end, e.g. {start: \"09:00\", end: \"18:00\"}")) {
                continue;
            }
            c.unknownKeys(d, HOURS_KEYS);
            LocalTime start = time(d.child("start"));
            LocalTime end = time(d.child("end"));
            if (start != null && end != null && !start.isBefore(end)) {
                c.error(d.child("end"), "end " + end + " is not after start " + start,
                        "hours cannot cross midnight; end the day at 23:59 and start the next at 00:00");
            }
        }
        if (days.isEmpty()) {
            c.warning(hours, "no day has hours: every handoff would meet the offline message", "add the days your team works");
        }
        return !days.isEmpty();
    }

    private LocalTime time(Cursor at) {
        if (!c.require(at, Checker.Type.STRING, "write a time in HH:MM format, in quotes: \"09:00\"")) {
            return null;
        }
        Formats.Problem p = Formats.check(ContractRule.Format.HH_MM, at.node());
        if (p != null) {
            c.error(at, p.message(), p.hint());
            return null;
        }
        String written = c.tree().writtenAt(at.pointer());
        if (written != null && written.equals(at.node().asText())) {
            // unquoted: a YAML 1.1 reader (what the file may be pasted into) takes 09:00 for 540 minutes
            c.warning(at, "is not in quotes", "write \"" + written + "\": unquoted, some YAML readers take it for a number of minutes");
        }
        return LocalTime.parse(at.node().asText());
    }

    /** The same time-zone rules as every provider: not in the database is an error, an abbreviation a warning. */
    private void timezone(Cursor at) {
        Formats.Problem p = Formats.check(ContractRule.Format.TIME_ZONE, at.node());
        if (p != null) {
            c.error(at, p.message(), p.hint());
            return;
        }
        p = Formats.check(ContractRule.Format.TIME_ZONE_ABBREVIATION, at.node());
        if (p != null) {
            c.warning(at, p.message(), p.hint());
        }
    }

    private void notifications(Cursor notifications) {
        c.unknownKeys(notifications, NOTIFICATION_KEYS);
        channel(notifications.child("email"), t -> Formats.check(ContractRule.Format.EMAIL, TextNode.valueOf(t)) == null,
                "an e-mail address such as team@example.com", "team@example.com");
        // unquoted, +40712345678 is a number in YAML: the example quotes it
        channel(notifications.child("whatsapp"), t -> E164.matcher(t.replace(" ", "")).matches(),
                "a phone number in international format such as +40712345678", "\"+40712345678\"");
    }

    private void channel(Cursor channel, Predicate<String> valid, String what, String example) {
        String name = channel.path().substring(channel.path().lastIndexOf('.') + 1);
        if (!c.expect(channel, Checker.Type.MAPPING, "write " + name + ": {enabled: true, to: [" + example + "]}")) {
            return;
        }
        c.unknownKeys(channel, CHANNEL_KEYS);
        Boolean enabled = c.bool(channel.child("enabled"));
        Cursor to = channel.child("to");
        int count = 0;
        if (c.expect(to, Checker.Type.LIST)) {
            for (int i = 0; i < to.node().size(); i++) {
                Cursor item = to.item(i, null);
                String text = c.string(item, "write " + what);
                if (text != null && !valid.test(text)) {
                    c.error(item, "'" + text + "' is not " + what, "write " + what);
                }
                count++;
            }
        }
        // a 'to' of the wrong type names someone, in the wrong shape: its error says so, alone
        boolean wrongShape = !Checker.absent(to) && !to.node().isArray();
        if (!Boolean.FALSE.equals(enabled) && count == 0 && !wrongShape) {
            c.warningAtKey(channel, "the channel is on but 'to' names nobody: nobody is alerted", "add who to notify under 'to'");
        }
    }
}
