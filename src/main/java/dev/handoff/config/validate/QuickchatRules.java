package dev.handoff.config.validate;

import dev.handoff.config.Criterion;
import dev.handoff.config.FailedAttempts;
import dev.handoff.config.LocalConfig;
import dev.handoff.config.yaml.CanonicalForm;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Quickchat checks beyond the documented contract ({@link QuickchatContract}, applied first):
 * unknown keys, duplicates, settings that contradict each other, empty texts, unused guidelines.
 * Values of the wrong type were reported by the contract and are skipped here.
 */
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

    private static final List<String> MESSAGES = List.of("question_message", "confirmation_message",
            "confirmation_outside_working_hours_message");

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
        Contract.check(c, root, QuickchatContract.RULES);
        c.unknownKeys(root, ROOT_KEYS);
        Cursor settings = root.child("settings");
        Cursor availability = root.child("availability");
        if (settings.node().isObject()) {
            settings(settings, availability);
        }
        AvailabilityRules.check(c, availability);
        genericGuidelines(root.child("generic_guidelines"));
        customGuidelines(root.child("custom_guidelines"));
        boolean anyActiveProfile = routingProfiles(root.child("routing_profiles"));
        Cursor topic = settings.child("topic_based_routing_active");
        Boolean value = Checker.flag(topic);
        if (value != null && value != anyActiveProfile) {
            c.warning(topic, "is read-only: the server sets it to " + anyActiveProfile + " because "
                            + (anyActiveProfile ? "a routing profile is active" : "no routing profile is active"),
                    "set it to " + anyActiveProfile + " (or leave it out); switch routing with the profiles' is_active");
        }
    }

    private void settings(Cursor s, Cursor availability) {
        c.unknownKeys(s, SETTINGS_KEYS);
        Cursor isActive = s.child("is_active");
        if (Boolean.FALSE.equals(Checker.flag(isActive))) {
            c.warning(isActive, "handoff is switched off: no conversation will be handed to a person",
                    "set is_active: true to enable it");
        }
        KeywordRules.check(c, s.child("keywords"));
        for (String field : MESSAGES) {
            Cursor message = s.child(field);
            String text = Checker.text(message);
            if (text != null && text.isBlank()) {
                c.warning(message, "is empty: the visitor would see a blank message", "write the message");
            }
        }
        Cursor workingHours = s.child("working_hours_active");
        if (Boolean.TRUE.equals(Checker.flag(workingHours))) {
            if (!availability.node().isArray() || availability.node().isEmpty()) {
                c.warningAtKey(workingHours, "working hours are on but there are no availability slots: "
                        + "every handoff would meet the outside-working-hours message", "add availability slots");
            }
            String outside = s.child("confirmation_outside_working_hours_message").node().asText("");
            if (outside.isBlank()) {
                c.warningAtKey(workingHours, "working hours are on but confirmation_outside_working_hours_message is not set",
                        "write what a visitor sees outside working hours");
            }
        }
        int count = emails(s.child("emails"));
        if (Boolean.TRUE.equals(Checker.flag(s.child("send_email_notification"))) && count == 0
                && s.child("emails").node().isArray()) {
            c.warningAtKey(s.child("send_email_notification"), "email notification is on but settings.emails is empty",
                    "add the addresses to notify");
        }
    }

    /** Repeated addresses; returns how many items are strings. */
    private int emails(Cursor emails) {
        if (!emails.node().isArray()) {
            return 0;
        }
        Map<String, Cursor> seen = new HashMap<>();
        int count = 0;
        for (int i = 0; i < emails.node().size(); i++) {
            Cursor e = emails.item(i, null);
            String text = Checker.text(e);
            if (text == null) {
                continue;
            }
            count++;
            Cursor first = seen.putIfAbsent(text.trim().toLowerCase(Locale.ROOT), e);
            if (first != null) {
                c.warning(e, "repeats the address at line " + c.locationOf(first).line(), "remove the repetition");
            }
        }
        return count;
    }

    private void genericGuidelines(Cursor list) {
        if (!list.node().isArray()) {
            return;
        }
        Map<String, Cursor> names = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor g = list.item(i, "name");
            if (!g.node().isObject()) {
                continue;
            }
            c.unknownKeys(g, GENERIC_KEYS);
            Cursor name = g.child("name");
            String text = Checker.text(name);
            if (text != null && CanonicalForm.GENERIC_GUIDELINES.contains(text)) {
                duplicate(names, text, name, "generic guideline");
            }
            emptyWhenActive(g);
        }
    }

    private void customGuidelines(Cursor list) {
        if (!list.node().isArray()) {
            return;
        }
        Map<String, Cursor> names = new HashMap<>();
        Map<String, Cursor> folded = new HashMap<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor g = list.item(i, "name");
            if (!g.node().isObject()) {
                continue;
            }
            c.unknownKeys(g, CUSTOM_KEYS);
            id(ids, g.child("id"));
            Cursor name = g.child("name");
            String text = name(name, names, folded, "custom guideline");
            String clash = text == null ? null : otherCriterion(text);
            if (clash != null) {
                String of = Criterion.KEYWORDS.equals(clash) ? "the keyword triggers"
                        : FailedAttempts.NAME.equals(clash) ? "the failed-attempts rule of " + references.evalFileName() : "a generic guideline";
                c.warning(name, "'" + text + "' is " + (clash.equals(text) ? "also the name of " + of
                                : "the name of " + of + " ('" + clash + "') in another case") + ": replay reports and transcripts could not tell them apart",
                        "give the custom guideline another name");
            }
            emptyWhenActive(g);
            if (Boolean.FALSE.equals(Checker.flag(g.child("is_active"))) && text != null && !references.isReferenced(text)) {
                c.warning(g.child("is_active"), "custom guideline '" + text + "' is inactive and referenced nowhere ("
                                + references.describe() + ")",
                        "delete it, activate it, or name it in a transcript's expect.criteria to keep measuring it");
            }
        }
    }

    /**
     * The criterion other than a custom guideline that this name is, ignoring case and outer spaces as the
     * differs-only-in-case check does: a generic guideline, the keyword triggers, or the failed-attempts
     * rule when the evaluation settings define it (replay reports each under its name). Null when none.
     */
    private String otherCriterion(String name) {
        List<String> taken = new java.util.ArrayList<>(CanonicalForm.GENERIC_GUIDELINES);
        taken.add(Criterion.KEYWORDS);
        if (references.definesFailedAttempts()) {
            taken.add(FailedAttempts.NAME);
        }
        if (taken.contains(name)) {
            return name;
        }
        String folded = name.trim().toLowerCase(Locale.ROOT);
        return taken.stream().filter(folded::equals).findFirst().orElse(null);
    }

    /** Returns whether any routing profile is active. */
    private boolean routingProfiles(Cursor list) {
        if (!list.node().isArray()) {
            return false;
        }
        boolean anyActive = false;
        Map<String, Cursor> names = new HashMap<>();
        Map<String, Cursor> folded = new HashMap<>();
        Map<Long, Cursor> ids = new HashMap<>();
        for (int i = 0; i < list.node().size(); i++) {
            Cursor p = list.item(i, "name");
            if (!p.node().isObject()) {
                continue;
            }
            c.unknownKeys(p, ROUTING_KEYS);
            id(ids, p.child("id"));
            name(p.child("name"), names, folded, "routing profile");
            boolean active = Boolean.TRUE.equals(Checker.flag(p.child("is_active")));
            anyActive |= active;
            emptyWhenActive(p);
            Cursor userIds = p.child("user_ids");
            if (active && userIds.node().isArray() && userIds(userIds) == 0) {
                c.warning(userIds, "active routing profile with no user_ids: a matching handoff notifies nobody",
                        "add the ids of the operators who handle this topic");
            }
        }
        return anyActive;
    }

    /** Repeated user ids; returns how many items are numbers. */
    private int userIds(Cursor list) {
        Map<Long, Cursor> seen = new HashMap<>();
        int count = 0;
        for (int i = 0; i < list.node().size(); i++) {
            Cursor u = list.item(i, null);
            if (u.node().isNumber()) {
                count++; // a decimal is reported by the contract; it still names an operator
            }
            Long id = Checker.integral(u);
            if (id == null) {
                continue;
            }
            Cursor first = seen.putIfAbsent(id, u);
            if (first != null) {
                c.warning(u, "repeats user id " + id + " (line " + c.locationOf(first).line() + ")", "remove the repetition");
            }
        }
        return count;
    }

    /** Empty and repeated names (items are told apart by name in diffs and replay reports). */
    private String name(Cursor name, Map<String, Cursor> names, Map<String, Cursor> folded, String what) {
        String text = Checker.text(name);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            c.error(name, "the name is empty", "every " + what + " needs a name");
            return null;
        }
        if (!java.text.Normalizer.isNormalized(text, java.text.Normalizer.Form.NFC)) {
            // the same name typed on another system is another item to diff and push: deleted and created with a new id
            c.warning(name, what + " '" + text + "' is not in Unicode's composed form (NFC): an accent is a separate character,"
                    + " as some keyboards write it", "retype the name, or write it composed; the remote likely holds the composed form");
        }
        if (!duplicate(names, text, name, what)) {
            Cursor first = folded.putIfAbsent(Checker.folded(text), name);
            if (first != null) {
                c.warning(name, what + " '" + text + "' differs only in case, spaces or Unicode form from '" + first.node().asText()
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
        Long id = Checker.integral(at);
        if (id == null) {
            return;
        }
        Cursor first = ids.putIfAbsent(id, at);
        if (first != null) {
            c.error(at, "duplicate id " + id + " (first at line " + c.locationOf(first).line() + ")",
                    "ids are assigned by the server; remove the id from the item you added by copying");
        }
    }

    private void emptyWhenActive(Cursor item) {
        Cursor description = item.child("description");
        String text = Checker.text(description);
        if (Boolean.TRUE.equals(Checker.flag(item.child("is_active"))) && text != null && text.isBlank()) {
            c.warning(description, "active, with an empty description: the classifier has only the name to go by",
                    "describe when it should fire, and when not");
        }
    }
}
