package dev.handoff.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Set;

/**
 * Checks a transcript of a JSON report before it is read back ({@code report merge}, {@code --baseline}):
 * a report edited by hand or damaged must be refused naming the field, not end in an internal error
 * or be read as something else. Absent and null fields are what older reports and the writer give;
 * a field that is there with the wrong type or value is refused.
 */
final class OutcomeJsonCheck {

    /** A field of a report's transcript that cannot be read back. */
    static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String what) {
            super(what, null, false, false);
            this.field = field;
        }

        /** {@code labels.keywords[0]: 'XX' is not TP, FP or FN} */
        String describe() {
            return field + ": " + getMessage();
        }
    }

    private static final Set<String> LABELS = Set.of("TP", "FP", "FN");

    private OutcomeJsonCheck() {
    }

    /** What {@link Baseline} reads: the id and the labels. */
    static void idAndLabels(JsonNode n) {
        if (!n.path("id").isTextual()) {
            throw new BadField("id", "must be a string, found " + kind(n.path("id")));
        }
        labels(n.path("labels"));
    }

    /** Everything {@link OutcomeJson#read} reads. */
    static void outcome(JsonNode n) {
        idAndLabels(n);
        // replay refuses such an id in a transcript; one in a report was put there afterwards
        visible(n.path("id").asText(), "id");
        integer(n, "ordinal", false);
        text(n, "source");
        if (!n.path("status").isTextual()) {
            throw new BadField("status", "must be one of " + String.join(", ", new java.util.TreeSet<>(statusIds()))
                    + ", found " + kind(n.path("status")));
        }
        oneOf(n, "status", statusIds());
        integer(n, "user_turns", false);
        integer(n, "trigger_turn", true);
        strings(n.path("fired"), "fired");
        text(n, "route");
        text(n, "text");
        oneOf(n, "timing", ids(Timing.values()));
        oneOf(n, "hours", ids(Hours.values()));
        JsonNode expect = n.path("expect");
        if (!expect.isMissingNode() && !expect.isNull()) {
            if (!expect.isObject()) {
                throw new BadField("expect", "must be an object or null, found " + kind(expect));
            }
            JsonNode handoff = expect.path("handoff");
            if (!handoff.isMissingNode() && !handoff.isBoolean()) {
                throw new BadField("expect.handoff", "must be true or false, found " + kind(handoff));
            }
            strings(expect.path("criteria"), "expect.criteria");
            integer(expect, "turn", true, "expect.turn");
            text(expect, "route", "expect.route");
        }
        String status = n.path("status").asText().toLowerCase(Locale.ROOT);
        if (status.equals("invalid") && !n.path("invalid").isObject()) {
            throw new BadField("invalid", "must say which turn and why for an invalid transcript, found " + kind(n.path("invalid")));
        }
        if (status.equals("scored") && !expect.isObject()) {
            throw new BadField("expect", "must be the label of a scored transcript, found " + kind(expect));
        }
        JsonNode invalid = n.path("invalid");
        if (!invalid.isMissingNode() && !invalid.isNull() && !invalid.isObject()) {
            throw new BadField("invalid", "must be an object (turn, reason) or null, found " + kind(invalid));
        }
        JsonNode trigger = n.path("trigger_turn");
        JsonNode userTurns = n.path("user_turns");
        if (trigger.isIntegralNumber() && (trigger.asInt() < 1 || (userTurns.isIntegralNumber() && trigger.asInt() > userTurns.asInt()))) {
            throw new BadField("trigger_turn", trigger.asInt() + " is not one of the transcript's user turns (1 to " + userTurns.asText() + ")");
        }
        JsonNode local = n.path("trigger_local_time");
        if (local.isTextual()) {
            try {
                java.time.LocalDateTime.parse(local.asText());
            } catch (java.time.format.DateTimeParseException e) {
                throw new BadField("trigger_local_time", "'" + local.asText() + "' is not a local date and time (2026-03-01T09:30)");
            }
        }
        JsonNode turns = n.path("turns");
        if (!turns.isMissingNode() && !turns.isArray()) {
            throw new BadField("turns", "must be a list, found " + kind(turns));
        }
        JsonNode runs = n.path("runs");
        if (!runs.isMissingNode() && !runs.isArray()) {
            throw new BadField("runs", "must be a list, found " + kind(runs));
        }
    }

    private static void visible(String value, String field) {
        dev.handoff.transcript.VisibleNames.Hidden hidden = dev.handoff.transcript.VisibleNames.firstHidden(value);
        if (hidden != null) {
            throw new BadField(field, hidden.describe()); // the message names the transcript already
        }
    }

    private static void labels(JsonNode labels) {
        if (labels.isMissingNode()) {
            return;
        }
        if (!labels.isObject()) {
            throw new BadField("labels", "must be an object of criterion names to lists of TP, FP and FN, found " + kind(labels));
        }
        for (var e : labels.properties()) {
            String field = "labels." + e.getKey();
            if (!e.getValue().isArray()) {
                throw new BadField(field, "must be a list of TP, FP and FN, found " + kind(e.getValue()));
            }
            int i = 0;
            for (JsonNode l : e.getValue()) {
                if (!l.isTextual() || !LABELS.contains(l.asText())) {
                    throw new BadField(field + "[" + i + "]", (l.isTextual() ? "'" + l.asText() + "'" : kind(l)) + " is not TP, FP or FN");
                }
                i++;
            }
        }
    }

    private static void strings(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!n.isArray()) {
            throw new BadField(field, "must be a list of strings, found " + kind(n));
        }
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) {
                throw new BadField(field + "[" + i + "]", "must be a string, found " + kind(n.get(i)));
            }
        }
    }

    private static void integer(JsonNode parent, String name, boolean nullable) {
        integer(parent, name, nullable, name);
    }

    private static void integer(JsonNode parent, String name, boolean nullable, String field) {
        JsonNode n = parent.path(name);
        if (n.isMissingNode() || (nullable && n.isNull())) {
            return;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw new BadField(field, "must be a whole number from 0" + (nullable ? " or null" : "") + ", found " + kind(n));
        }
    }

    private static void text(JsonNode parent, String name) {
        text(parent, name, name);
    }

    private static void text(JsonNode parent, String name, String field) {
        JsonNode n = parent.path(name);
        if (!n.isMissingNode() && !n.isNull() && !n.isTextual()) {
            throw new BadField(field, "must be a string or null, found " + kind(n));
        }
    }

    private static void oneOf(JsonNode parent, String name, Set<String> allowed) {
        JsonNode n = parent.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!n.isTextual() || !allowed.contains(n.asText().toLowerCase(Locale.ROOT))) {
            throw new BadField(name, (n.isTextual() ? "'" + n.asText() + "'" : kind(n)) + " is not one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
    }

    private static Set<String> statusIds() {
        return ids(TranscriptOutcome.Status.values());
    }

    private static Set<String> ids(Enum<?>[] values) {
        Set<String> out = new java.util.HashSet<>();
        for (Enum<?> v : values) {
            out.add(v.name().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    static String kind(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "the string '" + n.asText() + "'";
        }
        return n.isContainerNode() ? (n.isArray() ? "a list" : "an object") : n.toString();
    }
}
