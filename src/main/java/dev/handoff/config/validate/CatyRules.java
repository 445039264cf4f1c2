package dev.handoff.config.validate;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.config.CatyConfig;
import dev.handoff.config.FailedAttempts;
import dev.handoff.config.LocalConfig;

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
    static final List<String> TRIGGER_KEYS = List.of("user_request", "low_confidence", "negative_sentiment", "keywords", "failed_attempts");
    static final List<String> CLASSIFIED_KEYS = List.of("enabled", "description");
    static final List<String> FAILED_ATTEMPTS_KEYS = List.of("enabled", "after", "count");
    static final List<String> AVAILABILITY_KEYS = List.of("timezone", "hours");
    static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    static final List<String> HOURS_KEYS = List.of("start", "end");
    static final List<String> NOTIFICATION_KEYS = List.of("email", "whatsapp");
    static final List<String> CHANNEL_KEYS = List.of("enabled", "to");

    /** What a visitor reads in a chat bubble; longer messages are cut or scroll on phones. */
    static final int OFFLINE_MESSAGE_MAX = 500;
    /** As long as the other providers' guideline descriptions. */
    static final int DESCRIPTION_MAX = 2000;

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
        if (c.require(triggers, Checker.Type.MAPPING, "the triggers of Settings -> Human Handoff decide when the AI hands off")) {
            triggers(triggers);
        }
        Cursor availability = root.child("availability");
        boolean hasHours = c.expect(availability, Checker.Type.MAPPING) && availability(availability);
        Cursor offline = root.child("offline_message");
        String text = c.string(offline);
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
        if (c.expect(notifications, Checker.Type.MAPPING)) {
            notifications(notifications);
        }
    }

    private void triggers(Cursor triggers) {
        c.unknownKeys(triggers, TRIGGER_KEYS);
        int on = 0;
        for (String name : CatyConfig.CLASSIFIED_TRIGGERS) {
            Cursor t = triggers.child(name);
            if (Checker.absent(t)) {
                continue;
            }
            if (t.node().isBoolean()) {
                on += t.node().asBoolean() ? 1 : 0;
                continue;
            }
            if (!t.node().isObject()) {
                c.error(t, "expected true, false or a mapping with 'enabled' and 'description', found " + Checker.describe(t.node()),
                        "write '" + name + ": true', or '" + name + ": {enabled: true, description: ...}'");
                continue;
            }
            c.unknownKeys(t, CLASSIFIED_KEYS);
            Boolean enabled = c.bool(t.child("enabled"));
            on += Boolean.FALSE.equals(enabled) ? 0 : 1;
            Cursor description = t.child("description");
            String text = c.string(description);
            if (text != null && text.isBlank()) {
                c.warning(description, "is empty: the classifiers read the built-in description instead",
                        "write the rule in plain words, or leave the key out");
            }
            if (text != null && text.codePointCount(0, text.length()) > DESCRIPTION_MAX) {
                c.warning(description, "is longer than " + DESCRIPTION_MAX + " characters", "keep the rule to a few sentences");
            }
        }
        Cursor keywords = triggers.child(CatyConfig.KEYWORDS);
        if (!Checker.absent(keywords)) {
            KeywordRules.check(c, keywords);
            on += keywords.node().isArray() && !keywords.node().isEmpty() ? 1 : 0;
        }
        Cursor failed = triggers.child(FailedAttempts.NAME);
        if (!Checker.absent(failed)) {
            on += failedAttempts(failed) ? 1 : 0;
        }
        if (on == 0) {
            c.warningAtKey(triggers, "every trigger is off: no conversation will be handed off",
                    "switch on user_request at least, so that a visitor who asks for a person gets one");
        }
    }

    /** True when the rule is on. */
    private boolean failedAttempts(Cursor failed) {
        Cursor after = failed;
        if (failed.node().isObject()) {
            c.unknownKeys(failed, FAILED_ATTEMPTS_KEYS);
            Boolean enabled = c.bool(failed.child("enabled"));
            after = failed.child("after");
            if (!c.require(after, Checker.Type.INTEGER, "the number of failed attempts after which the AI hands off")) {
                return false;
            }
            Cursor count = failed.child("count");
            if (c.expect(count, Checker.Type.LIST)) {
                if (count.node().isEmpty()) {
                    c.error(count, "counts nothing: the rule can never fire",
                            "list fallback_reply, repeated_request or both, or leave 'count' out for both");
                }
                for (int i = 0; i < count.node().size(); i++) {
                    Cursor item = count.item(i, null);
                    String what = c.string(item);
                    if (what != null && !CatyConfig.COUNTED.contains(what)) {
                        String suggestion = Suggest.didYouMean(what, CatyConfig.COUNTED);
                        c.error(item, "'" + what + "' is not something the rule counts",
                                suggestion != null ? suggestion : "use " + String.join(" or ", CatyConfig.COUNTED));
                    }
                }
            }
            if (Boolean.FALSE.equals(enabled)) {
                return false;
            }
        } else if (!after.node().isIntegralNumber()) {
            c.error(after, "expected a whole number of failed attempts, found " + Checker.describe(after.node()),
                    "write 'failed_attempts: 3', or a mapping with 'after' and 'count'");
            return false;
        }
        Long n = c.integer(after);
        if (n != null && n < 1) {
            c.error(after, "is " + n + "; a handoff needs at least 1 failed attempt", "write a count such as 2 or 3");
            return false;
        }
        if (n != null && n > 10) {
            c.warning(after, "after " + n + " failed attempts most visitors have given up", "2 or 3 is usual");
        }
        return n != null;
    }

    /** True when working hours are set (some day has hours). */
    private boolean availability(Cursor availability) {
        c.unknownKeys(availability, AVAILABILITY_KEYS);
        Cursor timezone = availability.child("timezone");
        if (c.string(timezone) != null) {
            timezone(timezone);
        }
        Cursor hours = availability.child("hours");
        if (!c.require(hours, Checker.Type.MAPPING, "hours by weekday, e.g. monday: {start: \"09:00\", end: \"18:00\"}")) {
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
            if (!c.require(d, Checker.Type.MAPPING, "each day has start and end, e.g. {start: \"09:00\", end: \"18:00\"}")) {
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
        if (!c.require(at, Checker.Type.STRING, "a time in HH:MM format, in quotes: \"09:00\"")) {
            return null;
        }
        Formats.Problem p = Formats.check(ContractRule.Format.HH_MM, at.node());
        if (p != null) {
            c.error(at, p.message(), p.hint());
            return null;
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
                "an e-mail address such as team@example.com");
        channel(notifications.child("whatsapp"), t -> E164.matcher(t.replace(" ", "")).matches(),
                "a phone number in international format such as +40712345678");
    }

    private void channel(Cursor channel, Predicate<String> valid, String what) {
        if (!c.expect(channel, Checker.Type.MAPPING)) {
            return;
        }
        c.unknownKeys(channel, CHANNEL_KEYS);
        Boolean enabled = c.bool(channel.child("enabled"));
        Cursor to = channel.child("to");
        int count = 0;
        if (c.expect(to, Checker.Type.LIST)) {
            for (int i = 0; i < to.node().size(); i++) {
                Cursor item = to.item(i, null);
                String text = c.string(item);
                if (text != null && !valid.test(text)) {
                    c.error(item, "'" + text + "' is not " + what, "write " + what);
                }
                count++;
            }
        }
        if (!Boolean.FALSE.equals(enabled) && count == 0) {
            c.warningAtKey(channel, "the channel is on but 'to' names nobody: nobody is alerted", "add who to notify under 'to'");
        }
    }
}
