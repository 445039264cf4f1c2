package dev.handoff.config.validate;

import dev.handoff.config.CatyConfig;
import dev.handoff.config.FailedAttempts;
import dev.handoff.text.Suggest;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The triggers of Caty's Settings -> Human Handoff. Replay reads the same keys leniently
 * ({@link CatyConfig}) and leaves out what it cannot read, so every value it would not read as
 * written is an error here: a trigger that silently reads as off is the costliest typo.
 */
final class CatyTriggerRules {

    static final List<String> TRIGGER_KEYS = List.of("user_request", "low_confidence", "negative_sentiment", "keywords", "failed_attempts");
    static final List<String> CLASSIFIED_KEYS = List.of("enabled", "description");
    static final List<String> FAILED_ATTEMPTS_KEYS = List.of("enabled", "after", "count");

    /** As long as the other providers' guideline descriptions. */
    static final int DESCRIPTION_MAX = 2000;
    /** The words of the quickchat contract's null rule, so both providers explain it alike. */
    static final String NULL_NOTE = " ('key:' with nothing after it is null too)";
    private static final String COUNT_HINT = "write a count such as 2 or 3";

    /** What a trigger's value amounts to; a wrong one is reported and is neither on nor off. */
    private enum State { ON, OFF, WRONG }

    private final Checker c;

    private CatyTriggerRules(Checker c) {
        this.c = c;
    }

    static void check(Checker c, Cursor triggers) {
        new CatyTriggerRules(c).check(triggers);
    }

    private void check(Cursor triggers) {
        c.unknownKeys(triggers, TRIGGER_KEYS);
        int on = 0;
        boolean wrong = false;
        for (String name : CatyConfig.CLASSIFIED_TRIGGERS) {
            Cursor t = triggers.child(name);
            if (t.present()) {
                State s = classified(name, t);
                on += s == State.ON ? 1 : 0;
                wrong |= s == State.WRONG;
            }
        }
        Cursor keywords = triggers.child(CatyConfig.KEYWORDS);
        if (keywords.present()) {
            State s = keywords(keywords);
            on += s == State.ON ? 1 : 0;
            wrong |= s == State.WRONG;
        }
        Cursor failed = triggers.child(FailedAttempts.NAME);
        if (failed.present()) {
            State s = failedAttempts(failed);
            on += s == State.ON ? 1 : 0;
            wrong |= s == State.WRONG;
        }
        // a trigger written wrongly was meant to be something: "every trigger is off" would mislead
        if (on == 0 && !wrong) {
            c.warningAtKey(triggers, "every trigger is off: no conversation will be handed off",
                    "switch on user_request at least, so that a visitor who asks for a person gets one");
        }
    }

    private State classified(String name, Cursor t) {
        if (t.node().isBoolean()) {
            c.yaml11Boolean(t);
            return t.node().asBoolean() ? State.ON : State.OFF;
        }
        if (!t.node().isObject()) {
            c.error(t, "expected true, false or a mapping with 'enabled' and 'description', found " + Checker.describe(t.node()),
                    "write '" + name + ": true', or '" + name + ": {enabled: true, description: ...}'"
                            + (t.node().isNull() ? NULL_NOTE : ""));
            return State.WRONG;
        }
        c.unknownKeys(t, CLASSIFIED_KEYS);
        Boolean enabled = enabled(t);
        Cursor description = t.child("description");
        String text = c.string(description, "write the rule as one text, in plain words");
        if (text != null && text.isBlank()) {
            c.warning(description, "is empty: the classifiers read the built-in description instead",
                    "write the rule in plain words, or leave the key out");
        }
        if (text != null && text.codePointCount(0, text.length()) > DESCRIPTION_MAX) {
            c.warning(description, "is longer than " + DESCRIPTION_MAX + " characters", "keep the rule to a few sentences");
        }
        return Boolean.FALSE.equals(enabled) ? State.OFF : State.ON;
    }

    /** A list of phrases; anything else, or an item that is not a phrase, replay would leave out. */
    private State keywords(Cursor keywords) {
        if (!keywords.node().isArray()) {
            c.error(keywords, "expected a list of phrases, found " + Checker.describe(keywords.node()),
                    "write one phrase an item: keywords: [speak to a human, live agent]"
                            + (keywords.node().isNull() ? ", or [] for none" + NULL_NOTE : ""));
            return State.WRONG;
        }
        int phrases = 0;
        int wrong = 0;
        for (int i = 0; i < keywords.node().size(); i++) {
            Cursor item = keywords.item(i, null);
            if (item.node().isTextual()) {
                phrases += item.node().asText().isBlank() ? 0 : 1;
                continue;
            }
            wrong++;
            c.error(item, "expected a phrase (a string), found " + Checker.describe(item.node()), itemHint(item));
        }
        KeywordRules.check(c, keywords);
        return phrases > 0 ? State.ON : wrong > 0 ? State.WRONG : State.OFF;
    }

    private static String itemHint(Cursor item) {
        if (item.node().isNull()) {
            return "write the phrase, or remove the empty list item ('-' with nothing after it is null)";
        }
        if (item.node().isArray()) {
            return "write each keyword as a phrase, not a list; put a phrase that starts with '[' in quotes";
        }
        if (item.node().isObject()) {
            return "write each keyword as a phrase, not a mapping; put a phrase that contains ': ' in quotes";
        }
        return "put the value in quotes";
    }

    /** A trigger mapping's 'enabled'; written with nothing after it, replay would read it as on. */
    private Boolean enabled(Cursor trigger) {
        Cursor enabled = trigger.child("enabled");
        if (enabled.node().isNull()) {
            c.error(enabled, "is empty", "write true or false" + NULL_NOTE);
            return null;
        }
        return c.bool(enabled);
    }

    /** A count, or a mapping with 'enabled', 'after' and 'count'. */
    private State failedAttempts(Cursor failed) {
        Cursor after = failed;
        boolean enabled = true;
        if (failed.node().isObject()) {
            c.unknownKeys(failed, FAILED_ATTEMPTS_KEYS);
            enabled = !Boolean.FALSE.equals(enabled(failed));
            after = failed.child("after");
            if (!enabled && Checker.absent(after) && failed.child("count").node().isMissingNode()) {
                return State.OFF; // switched off with nothing else written: there is no count to keep
            }
            if (!c.require(after, Checker.Type.INTEGER,
                    COUNT_HINT + "; 'after' is the number of failed attempts after which the AI hands off")) {
                return State.WRONG;
            }
            if (!counted(failed.child("count"))) {
                return State.WRONG;
            }
        } else if (!after.node().isIntegralNumber()) {
            c.error(after, "expected a whole number of failed attempts, found " + Checker.describe(after.node()),
                    "write 'failed_attempts: 3', or a mapping with 'after' and 'count'"
                            + (after.node().isNull() ? "; leave the key out for no such rule" + NULL_NOTE : ""));
            return State.WRONG;
        }
        // replay counts turns in an int: a larger number must not wrap into another count
        BigInteger n = after.node().bigIntegerValue();
        if (n.signum() < 1) {
            c.error(after, "is " + (n.bitLength() < 64 ? n.toString() : "a large negative number")
                    + "; a handoff needs at least 1 failed attempt", COUNT_HINT);
            return State.WRONG;
        }
        if (n.bitLength() > 31) {
            c.error(after, "is too large to be a count of failed attempts (the most is " + Integer.MAX_VALUE + ")", COUNT_HINT);
            return State.WRONG;
        }
        String written = c.tree().writtenAt(after.pointer());
        if (written != null && !written.equals(n.toString()) && written.matches("[+]?(0[0-9_]+|[0-9]+_[0-9_]*|0[xXoO][0-9a-fA-F_]+)")) {
            // a YAML 1.1 number form: "010" is octal 8; a person pasting into Caty's field types 10
            String decimal = written.replaceFirst("^\\+?0+(?=[0-9])", "").replace("_", "");
            c.warning(after, "is written " + written + ", which YAML reads as " + n,
                    written.matches("[+]?0[0-9_]+") && !decimal.equals(n.toString())
                            ? "a leading zero makes it octal: write " + decimal + " if you mean " + decimal + ", or " + n
                            : "write " + n);
        }
        if (n.intValue() > 10) {
            c.warning(after, "after " + n + " failed attempts most visitors have given up", "2 or 3 is usual");
        }
        return enabled ? State.ON : State.OFF;
    }

    /** Checks 'count'; false when it makes the rule unusable (wrong type, or nothing counted). */
    private boolean counted(Cursor count) {
        if (!count.present()) {
            return true;
        }
        if (!c.expect(count, Checker.Type.LIST, "list fallback_reply, repeated_request or both")) {
            if (count.node().isNull()) {
                c.error(count, "expected a list, found nothing (null)",
                        "list fallback_reply, repeated_request or both, or leave 'count' out for both" + NULL_NOTE);
            }
            return false;
        }
        if (count.node().isEmpty()) {
            c.error(count, "counts nothing: the rule can never fire",
                    "list fallback_reply, repeated_request or both, or leave 'count' out for both");
            return false;
        }
        Map<String, Cursor> seen = new HashMap<>();
        for (int i = 0; i < count.node().size(); i++) {
            Cursor item = count.item(i, null);
            String what = c.string(item, "use " + String.join(" or ", CatyConfig.COUNTED));
            if (item.node().isNull()) {
                c.error(item, "expected a string, found nothing (null)", "use " + String.join(" or ", CatyConfig.COUNTED)
                        + ", or remove the empty list item");
            }
            if (what == null) {
                continue;
            }
            if (!CatyConfig.COUNTED.contains(what)) {
                String suggestion = Suggest.didYouMean(what, CatyConfig.COUNTED);
                c.error(item, "'" + what + "' is not something the rule counts",
                        suggestion != null ? suggestion : "use " + String.join(" or ", CatyConfig.COUNTED));
                continue;
            }
            Cursor first = seen.putIfAbsent(what, item);
            if (first != null) {
                c.warning(item, "repeats '" + what + "' (line " + c.locationOf(first).line() + "); a turn counts once anyway",
                        "remove the repetition");
            }
        }
        return true;
    }
}
