package dev.handoff.config.validate;

import dev.handoff.config.Criterion;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.CanonicalForm;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Every rule of the Quickchat handoff configuration API (seed quickchat-handoff-configuration-api.txt). */
final class QuickchatRules {

    static final List<String> ROOT_KEYS = List.of(LocalConfig.HEADER, "settings", "availability", "generic_guidelines",
            "custom_guidelines", "routing_profiles");
    static final List<String> SETTINGS_KEYS = List.of("is_active", "keywords", "ai_summary_active",
            "topic_based_routing_active", "question_message", "confirmation_message",
            "confirmation_outside_working_hours_message", "working_hours_active", "timezone", "send_email_notification",
            "emails");
    static final List<String> GENERIC_KEYS = List.of("name", "description", "is_active");
    static final List<String> CUSTOM_KEYS = List.of("id", "name", "description", "is_active");
    static final List<String> ROUTING_KEYS = List.of("id", "name", "description", "is_active", "user_ids");

    static final int NAME_MAX = 100;
    static final int DESCRIPTION_MAX = 2000;
    static final int MESSAGE_MAX = 500;

    private static final List<String> MESSAGES = List.of("question_message", "confirmation_message",
            "confirmation_outside_working_hours_message");
    // deliberately loose: catches a name or a URL in the list, not every RFC 5322 corner
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private final Checker c;
    private final References references;

    private QuickchatRules(Checker c, References references) {
        this.c = c;
        this.references = references;
    }

    static void check(Checker c, Cursor root, References references) {
        new QuickchatRules(c, references).check(root);
    }

    private void check(Cursor root) {
        c.unknownKeys(root, ROOT_KEYS);
        Cursor settings = root.child("settings");
        Cursor availability = root.child("availability");
        if (c.expect(settings, Checker.Type.MAPPING)) {
            settings(settings, availability);
        }
        if (!Checker.absent(availability)) {
            AvailabilityRules.check(c, availability);
        }
        genericGuidelines(root.child("generic_guidelines"));
        customGuidelines(root.child("custom_guidelines"));
        boolean anyActiveProfile = routingProfiles(root.child("routing_profiles"));
        if (settings.node().isObject()) {
            Cursor topic = settings.child("topic_based_routing_active");
            Boolean value = c.bool(topic);
            if (value != null && value != anyActiveProfile) {
                c.warning(topic, "is read-only: the server sets it to " + anyActiveProfile + " because "
                                + (anyActiveProfile ? "a routing profile is active" : "no routing profile is active"),
                        "set it to " + anyActiveProfile + " (or leave it out); switch routing with the profiles' is_active");
            }
        }
    }

    private void settings(Cursor s, Cursor availability) {
        c.unknownKeys(s, SETTINGS_KEYS);
        Cursor isActive = s.child("is_active");
        if (Boolean.FALSE.equals(c.bool(isActive))) {
            c.warning(isActive, "handoff is switched off: no conversation will be handed to a person",
                    "set is_active: true to enable it");
        }
        if (!Checker.absent(s.child("keywords"))) {
            KeywordRules.check(c, s.child("keywords"));
        }
        c.bool(s.child("ai_summary_active"));
        for (String field : MESSAGES) {
            Cursor message = s.child(field);
            String text = c.string(message);
            c.maxLength(message, MESSAGE_MAX);
            if (text != null && text.isBlank()) {
                c.warning(message, "is empty: the visitor would see a blank message", "write the message, or leave the key out");
            }
        }
        Boolean workingHours = c.bool(s.child("working_hours_active"));
        Cursor timezone = s.child("timezone");
        String zone = c.string(timezone);
        if (zone != null) {
            timezone(timezone, zone);
        }
        if (Boolean.TRUE.equals(workingHours)) {
            if (Checker.absent(timezone)) {
                c.warningAtKey(s.child("working_hours_active"), "working hours are on but no timezone is set",
                        "set settings.timezone, e.g. Europe/London");
            }
            if (!availability.node().isArray() || availability.node().isEmpty()) {
                c.warningAtKey(s.child("working_hours_active"), "working hours are on but there are no availability slots: "
                        + "every handoff would meet the outside-working-hours message", "add availability slots");
            }
            String outside = s.child("confirmation_outside_working_hours_message").node().asText("");
            if (outside.isBlank()) {
                c.warningAtKey(s.child("working_hours_active"), "working hours are on but confirmation_outside_working_hours_message is not set",
                        "write what a visitor sees outside working hours");
            }
        }
        Boolean notify = c.bool(s.child("send_email_notification"));
        Cursor emails = s.child("emails");
        int count = emails(emails);
        if (Boolean.TRUE.equals(notify) && count == 0) {
            c.warningAtKey(s.child("send_email_notification"), "email notification is on but settings.emails is empty",
                    "add the addresses to notify");
        }
    }

    private void timezone(Cursor at, String zone) {
        if (isRegion(zone)) {
            return;
        }
        String hint = zone.matches("(?i)(utc|gmt)?\\s*[+-].*")
                ? "use a region such as Europe/Berlin, so that daylight saving time is followed"
                : Suggest.didYouMean(zone, ZoneId.getAvailableZoneIds());
        if (hint == null) {
            hint = "use an IANA time zone name such as Europe/London or America/New_York";
        }
        c.error(at, "'" + zone + "' is not an IANA time zone", hint);
    }

    /** An IANA region name ("Europe/Berlin", "UTC"), not an offset ("+02:00", "GMT+2"). */
    private static boolean isRegion(String zone) {
        try {
            ZoneId id = ZoneId.of(zone);
            return !(id instanceof java.time.ZoneOffset) && id.getId().equals(zone) && !zone.matches("(?i)(utc|gmt|ut)[+-].*");
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private int emails(Cursor emails) {
        if (!c.expect(emails, Checker.Type.LIST)) {
            return 0;
        }
        Map<String, Cursor> seen = new HashMap<>();
        int valid = 0;
        for (int i = 0; i < emails.node().size(); i++) {
            Cursor e = emails.item(i, null);
            String text = c.string(e);
            if (text == null) {
                continue;
            }
            if (!EMAIL.matcher(text.trim()).matches()) {
                c.error(e, "'" + text + "' is not an email address", "write one address per item, e.g. support@example.com");
                continue;
            }
            Cursor first = seen.putIfAbsent(text.trim().toLowerCase(Locale.ROOT), e);
            if (first != null) {
                c.warning(e, "repeats the address at line " + c.locationOf(first).line(), "remove the repetition");
            }
            valid++;
        }
        return valid;
    }

    private void genericGuidelines(Cursor list) {
        if (!c.expect(list, Checker.Type.LIST)) {
            return;
        }
        Map<String, Cursor> names = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor g = list.item(i, "name");
            if (!c.require(g, Checker.Type.MAPPING, "each generic guideline has name, description and is_active")) {
                continue;
            }
            c.unknownKeys(g, GENERIC_KEYS);
            Cursor name = g.child("name");
            if (c.require(name, Checker.Type.STRING, "name one of " + String.join(", ", CanonicalForm.GENERIC_GUIDELINES))) {
                String text = name.node().asText();
                if (!CanonicalForm.GENERIC_GUIDELINES.contains(text)) {
                    String suggestion = Suggest.didYouMean(text, CanonicalForm.GENERIC_GUIDELINES);
                    c.error(name, "'" + text + "' is not a generic guideline",
                            (suggestion != null ? suggestion + " " : "") + "The five are: "
                                    + String.join(", ", CanonicalForm.GENERIC_GUIDELINES)
                                    + "; put your own rules under custom_guidelines");
                } else {
                    duplicate(names, text, name, "generic guideline");
                }
            }
            Cursor description = g.child("description");
            c.string(description);
            if (description.node().isTextual() && description.node().asText().length() > DESCRIPTION_MAX) {
                c.warning(description, "is " + description.node().asText().length() + " characters long; custom guidelines allow at most "
                        + DESCRIPTION_MAX + " and this one is likely cut too", "shorten it");
            }
            Boolean active = c.bool(g.child("is_active"));
            emptyWhenActive(active, description, "description");
        }
    }

    private void customGuidelines(Cursor list) {
        if (!c.expect(list, Checker.Type.LIST)) {
            return;
        }
        Map<String, Cursor> names = new HashMap<>();
        Map<String, Cursor> folded = new HashMap<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor g = list.item(i, "name");
            if (!c.require(g, Checker.Type.MAPPING, "each custom guideline has name, description and is_active")) {
                continue;
            }
            c.unknownKeys(g, CUSTOM_KEYS);
            id(ids, g.child("id"));
            Cursor name = g.child("name");
            String text = name(name, names, folded, "custom guideline");
            if (text != null && (CanonicalForm.GENERIC_GUIDELINES.contains(text) || Criterion.KEYWORDS.equals(text))) {
                c.warning(name, "'" + text + "' is also the name of " + (Criterion.KEYWORDS.equals(text) ? "the keyword triggers"
                                : "a generic guideline") + ": replay reports and transcripts could not tell them apart",
                        "give the custom guideline another name");
            }
            Cursor description = g.child("description");
            c.string(description);
            c.maxLength(description, DESCRIPTION_MAX);
            Boolean active = c.bool(g.child("is_active"));
            emptyWhenActive(active, description, "description");
            if (Boolean.FALSE.equals(active) && text != null && !references.isReferenced(text)) {
                c.warning(g.child("is_active"), "custom guideline '" + text + "' is inactive and referenced nowhere ("
                                + references.describe() + ")",
                        "delete it, activate it, or name it in a transcript's expect.criteria to keep measuring it");
            }
        }
    }

    /** Returns whether any routing profile is active. */
    private boolean routingProfiles(Cursor list) {
        if (!c.expect(list, Checker.Type.LIST)) {
            return false;
        }
        boolean anyActive = false;
        Map<String, Cursor> names = new HashMap<>();
        Map<String, Cursor> folded = new HashMap<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor p = list.item(i, "name");
            if (!c.require(p, Checker.Type.MAPPING, "each routing profile has name, description, is_active and user_ids")) {
                continue;
            }
            c.unknownKeys(p, ROUTING_KEYS);
            id(ids, p.child("id"));
            name(p.child("name"), names, folded, "routing profile");
            Cursor description = p.child("description");
            c.string(description);
            c.maxLength(description, DESCRIPTION_MAX);
            Boolean active = c.bool(p.child("is_active"));
            anyActive |= Boolean.TRUE.equals(active);
            emptyWhenActive(active, description, "description");
            int users = userIds(p.child("user_ids"));
            if (Boolean.TRUE.equals(active) && users == 0) {
                c.warningAtKey(Checker.absent(p.child("user_ids")) ? p.child("is_active") : p.child("user_ids"),
                        "active routing profile with no user_ids: a matching handoff notifies nobody",
                        "add the ids of the operators who handle this topic");
            }
        }
        return anyActive;
    }

    private int userIds(Cursor list) {
        if (!c.expect(list, Checker.Type.LIST)) {
            return 0;
        }
        Map<Long, Cursor> seen = new HashMap<>();
        int valid = 0;
        for (int i = 0; i < list.node().size(); i++) {
            Cursor u = list.item(i, null);
            Long id = c.integer(u);
            if (id == null) {
                if (Checker.absent(u)) {
                    c.error(u, "an empty user id", "remove the empty list item");
                }
                continue;
            }
            if (id <= 0) {
                c.error(u, id + " is not a user id", "user ids are positive integers; copy them from the dashboard");
                continue;
            }
            Cursor first = seen.putIfAbsent(id, u);
            if (first != null) {
                c.warning(u, "repeats user id " + id + " (line " + c.locationOf(first).line() + ")", "remove the repetition");
            }
            valid++;
        }
        return valid;
    }

    private String name(Cursor name, Map<String, Cursor> names, Map<String, Cursor> folded, String what) {
        if (!c.require(name, Checker.Type.STRING, "every " + what + " needs a name")) {
            return null;
        }
        String text = name.node().asText();
        if (text.isBlank()) {
            c.error(name, "the name is empty", "every " + what + " needs a name");
            return null;
        }
        c.maxLength(name, NAME_MAX);
        if (!duplicate(names, text, name, what)) {
            Cursor first = folded.putIfAbsent(text.trim().toLowerCase(Locale.ROOT), name);
            if (first != null) {
                c.warning(name, what + " '" + text + "' differs only in case or spaces from '" + first.node().asText()
                        + "' (line " + c.locationOf(first).line() + ")", "use one spelling for one thing");
            }
        }
        return text;
    }

    /** Reports a repeated name; returns true when it was one. */
    private boolean duplicate(Map<String, Cursor> seen, String text, Cursor at, String what) {
        Cursor first = seen.putIfAbsent(text, at);
        if (first != null) {
            c.error(at, "duplicate " + what + " '" + text + "' (first at line " + c.locationOf(first).line() + ")",
                    "names must be unique; merge the two or rename one");
            return true;
        }
        return false;
    }

    private void id(Map<Long, Cursor> ids, Cursor at) {
        Long id = c.integer(at);
        if (id == null) {
            return;
        }
        Cursor first = ids.putIfAbsent(id, at);
        if (first != null) {
            c.error(at, "duplicate id " + id + " (first at line " + c.locationOf(first).line() + ")",
                    "ids are assigned by the server; remove the id from the item you added by copying");
        }
    }

    private void emptyWhenActive(Boolean active, Cursor text, String field) {
        if (Boolean.TRUE.equals(active) && (Checker.absent(text) || (text.node().isTextual() && text.node().asText().isBlank()))) {
            c.warningAtKey(text.present() ? text : new Cursor(text.node(), text.pointer().substring(0, text.pointer().lastIndexOf('/')),
                            text.path()),
                    "active, with an empty " + field + ": the classifier has only the name to go by",
                    "describe when it should fire, and when not");
        }
    }
}
