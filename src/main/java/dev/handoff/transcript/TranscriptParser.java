package dev.handoff.transcript;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.error.SourceLocation;
import dev.handoff.text.Suggest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one parsed document into a {@link Transcript}, checking every field of the
 * "Transcripts". A problem names a JSON pointer; the reader turns it into line and column only
 * when something is wrong, so the common path pays nothing for locations.
 */
final class TranscriptParser {

    static final Set<String> TOP_LEVEL = Set.of("id", "meta", "started_at", "messages", "expect");
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "text", "at", "media");
    private static final Set<String> EXPECT_FIELDS = Set.of("handoff", "criteria", "turn", "route");

    /** A field that is wrong; {@code pointer} locates it in the document. */
    static final class Problem extends Exception {
        final JsonPointer pointer;
        final String transcriptId;
        final String field;
        final String hint;

        Problem(JsonPointer pointer, String transcriptId, String field, String message, String hint) {
            super(message, null, false, false);
            this.pointer = pointer;
            this.transcriptId = transcriptId;
            this.field = field;
            this.hint = hint;
        }

        TranscriptProblem at(SourceLocation location) {
            return new TranscriptProblem(location, transcriptId, field, getMessage(), hint);
        }
    }

    private final LabelCheck strictLabels;
    private String id;
    /** The transcript was written as JSON: a hint shows JSON ("text": "true"), not YAML. */
    private boolean json;

    /** @param strictLabels null to accept any criterion and route name */
    TranscriptParser(LabelCheck strictLabels) {
        this.strictLabels = strictLabels;
    }

    Transcript parse(JsonNode root, SourceLocation source, boolean json) throws Problem {
        id = null;
        this.json = json;
        if (root == null || !root.isObject()) {
            // a whole file that is one line of text is not quoted: a KEY=VALUE note or a connection string holds secrets,
            // and this message reaches the JSON report and the JUnit file
            throw problem("", null, "a transcript must be a mapping with 'id' and 'messages', found "
                    + (root == null ? "nothing" : root.isTextual() ? "one line of text (" + root.asText().length() + " characters)"
                    : kind(root)), null);
        }
        id = parseId(root.get("id"));
        unknownFields(root, "", null, TOP_LEVEL, "put free-form data under 'meta'");
        ObjectNode meta = parseMeta(root.get("meta"));
        Instant startedAt = timestamp(root.get("started_at"), "/started_at", "started_at");
        List<Message> messages = parseMessages(root.get("messages"), startedAt);
        int userTurns = (int) messages.stream().filter(m -> m.role() == Message.Role.USER).count();
        Expectation expect = parseExpect(root.get("expect"), userTurns);
        return new Transcript(id, meta, startedAt, List.copyOf(messages), expect, source);
    }

    private String parseId(JsonNode node) throws Problem {
        if (node == null || node.isNull()) {
            throw problem("", null, "'id' is missing", "give every transcript a unique id, e.g. id: support-0001");
        }
        if (!(node.isTextual() || node.isIntegralNumber())) {
            throw problem("/id", "id", "must be a string, found " + kind(node), quoteHint("id", node));
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            throw problem("/id", "id", "is empty", "give every transcript a unique id");
        }
        visibleOnly("/id", "id", value);
        return value;
    }

    /** Ids and names are printed in every report: {@link VisibleNames}. */
    private void visibleOnly(String pointer, String field, String value) throws Problem {
        VisibleNames.Hidden hidden = VisibleNames.firstHidden(value);
        if (hidden != null) {
            throw problem(pointer, field, hidden.describe(), hidden.hint());
        }
    }

    /**
     * A text is kept as written, but half of a surrogate pair ({@code "\ud83d"}, an emoji cut in two by an export)
     * cannot be: every writer turns it into '?', so the classifier would read another text than the file holds.
     */
    private void wholeCharactersOnly(String pointer, String field, String text) throws Problem {
        VisibleNames.Hidden lone = VisibleNames.firstLoneSurrogate(text);
        if (lone != null) {
            throw problem(pointer, field, lone.describe(), "an export cut a character in two: remove the half or write the whole character");
        }
    }

    private ObjectNode parseMeta(JsonNode node) throws Problem {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw problem("/meta", "meta", "must be a mapping (e.g. {source: hint3}), found " + kind(node), null);
        }
        wholeCharactersIn(node, "/meta", "meta");
        return (ObjectNode) node;
    }

    /** meta's keys and texts too: written as '?', two keys became one and the report no longer read back. */
    private void wholeCharactersIn(JsonNode node, String pointer, String field) throws Problem {
        if (node.isTextual()) {
            wholeCharactersOnly(pointer, field, node.asText());
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                String child = pointer + "/" + escape(e.getKey());
                wholeCharactersOnly(child, field + "." + e.getKey(), e.getKey());
                wholeCharactersIn(e.getValue(), child, field + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                wholeCharactersIn(node.get(i), pointer + "/" + i, field + "[" + i + "]");
            }
        }
    }

    private List<Message> parseMessages(JsonNode node, Instant startedAt) throws Problem {
        if (node == null || node.isNull()) {
            throw problem("", null, "'messages' is missing", "a transcript needs at least one user message");
        }
        if (!node.isArray()) {
            throw problem("/messages", "messages", "must be a list of messages, found " + kind(node), null);
        }
        if (node.isEmpty()) {
            throw problem("/messages", "messages", "is empty", "a transcript needs at least one user message");
        }
        List<Message> messages = new ArrayList<>(node.size());
        Instant previous = startedAt;
        String previousField = startedAt == null ? null : "started_at";
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String field = "messages[" + i + "]";
            String pointer = "/messages/" + i;
            if (!m.isObject()) {
                throw problem(pointer, field, "must be a mapping with 'role' and 'text', found " + kind(m), null);
            }
            unknownFields(m, pointer, field, MESSAGE_FIELDS, null);
            Message.Role role = parseRole(m.get("role"), pointer, field);
            Message.Media media = parseMedia(m.get("media"), pointer, field);
            JsonNode textNode = m.get("text");
            String text = null;
            if (textNode != null && !textNode.isNull()) {
                if (!textNode.isTextual()) {
                    throw problem(pointer + "/text", field + ".text", "must be a string, found " + kind(textNode), quoteHint("text", textNode));
                }
                text = textNode.asText();
                wholeCharactersOnly(pointer + "/text", field + ".text", text);
            }
            if ((text == null || text.isBlank()) && media == null) {
                // 'text:' with no value is there, and empty: said at its own line, not at the message's
                boolean absent = textNode == null;
                throw problem(absent ? pointer : pointer + "/text", field + ".text",
                        absent ? "is missing (required unless 'media' is set)" : "is empty (and no 'media' is set)", null);
            }
            Instant at = timestamp(m.get("at"), pointer + "/at", field + ".at");
            if (at != null && previous != null && at.isBefore(previous)) {
                throw problem(pointer + "/at", field + ".at", at + " is before " + previousField + " (" + previous + ")",
                        "messages are in the order they were sent; check the time zone of the timestamps");
            }
            if (at != null) {
                previous = at;
                previousField = field + ".at";
            }
            messages.add(new Message(role, text, at, media));
        }
        if (messages.stream().noneMatch(msg -> msg.role() == Message.Role.USER)) {
            throw problem("/messages", "messages", "has no message with role 'user'", "replay asks about user turns; add the user's messages");
        }
        return messages;
    }

    private Message.Role parseRole(JsonNode node, String pointer, String field) throws Problem {
        if (node == null || node.isNull()) {
            throw problem(pointer, field + ".role", "is missing", "one of " + names(Message.Role.values()));
        }
        String value = node.asText();
        for (Message.Role r : Message.Role.values()) {
            if (r.id().equals(value)) {
                return r;
            }
        }
        throw problem(pointer + "/role", field + ".role", "'" + value + "' is not a role (" + names(Message.Role.values()) + ")", null);
    }

    private Message.Media parseMedia(JsonNode node, String pointer, String field) throws Problem {
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.asText();
        for (Message.Media m : Message.Media.values()) {
            if (m.id().equals(value)) {
                return m;
            }
        }
        throw problem(pointer + "/media", field + ".media", "'" + value + "' is not a media kind (" + names(Message.Media.values()) + ")", null);
    }

    private Expectation parseExpect(JsonNode node, int userTurns) throws Problem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw problem("/expect", "expect", "must be a mapping with 'handoff', found " + kind(node), null);
        }
        unknownFields(node, "/expect", "expect", EXPECT_FIELDS, null);
        JsonNode handoffNode = node.get("handoff");
        if (handoffNode == null || handoffNode.isNull()) {
            throw problem("/expect", "expect.handoff", "is missing", "say whether a handoff is expected: handoff: true or handoff: false (or drop 'expect' for an unlabelled transcript)");
        }
        if (!handoffNode.isBoolean()) {
            throw problem("/expect/handoff", "expect.handoff", "must be true or false, found " + kind(handoffNode), null);
        }
        boolean handoff = handoffNode.asBoolean();
        List<String> criteria = parseCriteria(node.get("criteria"));
        Integer turn = parseTurn(node.get("turn"), userTurns);
        String route = parseRoute(node.get("route"));
        if (!handoff) {
            String set = !criteria.isEmpty() ? "criteria" : turn != null ? "turn" : route != null ? "route" : null;
            if (set != null) {
                throw problem("/expect/" + set, "expect." + set, "is set but expect.handoff is false",
                        "criteria, turn and route describe an expected handoff; remove them or set handoff: true");
            }
        }
        return new Expectation(handoff, criteria, turn, route);
    }

    private List<String> parseCriteria(JsonNode node) throws Problem {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw problem("/expect/criteria", "expect.criteria", "must be a list of criterion names, found " + kind(node), null);
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String field = "expect.criteria[" + i + "]";
            if (!c.isTextual() || c.asText().isBlank()) {
                throw problem("/expect/criteria/" + i, field, "must be a criterion name, found " + kind(c), null);
            }
            String name = c.asText();
            visibleOnly("/expect/criteria/" + i, field, name);
            // "é" as one character and as "e" and an accent are one name (CriterionNames)
            if (!seen.add(CriterionNames.key(name))) {
                throw problem("/expect/criteria/" + i, field, "'" + name + "' is listed twice", null);
            }
            if (strictLabels != null) {
                String configured = CriterionNames.of(strictLabels.criteria()).configured(name);
                if (configured == null) {
                    throw problem("/expect/criteria/" + i, field, "'" + name + "' is not a criterion of the configuration"
                            + Suggest.appended(name, strictLabels.criteria()), "criteria: " + String.join(", ", sorted(strictLabels.criteria())));
                }
                name = configured;
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    private Integer parseTurn(JsonNode node, int userTurns) throws Problem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw problem("/expect/turn", "expect.turn", "must be a whole number (the 1-based user turn), found " + kind(node), null);
        }
        if (node.bigIntegerValue().signum() < 1) {
            throw problem("/expect/turn", "expect.turn", "is " + node.asText() + "; user turns count from 1", null);
        }
        if (!node.canConvertToInt() || node.asInt() > userTurns) {
            throw problem("/expect/turn", "expect.turn", "is " + node.asText() + " but the transcript has only " + userTurns + " user turn"
                    + (userTurns == 1 ? "" : "s"), "turn counts user messages only, from 1");
        }
        return node.asInt();
    }

    private String parseRoute(JsonNode node) throws Problem {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw problem("/expect/route", "expect.route", "must be a routing profile name, found " + kind(node), null);
        }
        visibleOnly("/expect/route", "expect.route", node.asText());
        String route = node.asText();
        if (strictLabels != null && !strictLabels.routes().contains(route)) {
            throw problem("/expect/route", "expect.route", "'" + route + "' is not a routing profile of the configuration"
                    + Suggest.appended(route, strictLabels.routes()), "routing profiles: " + String.join(", ", sorted(strictLabels.routes())));
        }
        return route;
    }

    private Instant timestamp(JsonNode node, String pointer, String field) throws Problem {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            boolean local;
            try {
                LocalDateTime.parse(text);
                local = true;
            } catch (DateTimeParseException e2) {
                local = false;
            }
            throw problem(pointer, field, local ? "'" + text + "' has no time zone" : "'" + text + "' is not a timestamp",
                    "write ISO-8601 with a zone, e.g. 2025-09-19T12:30:00Z or 2025-09-19T14:30:00+02:00");
        }
    }

    private void unknownFields(JsonNode node, String pointer, String field, Set<String> allowed, String hint) throws Problem {
        var names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String path = field == null ? name : field + "." + name;
                throw problem(pointer + "/" + escape(name), path,
                        "unknown field" + Suggest.appended(name, allowed),
                        hint != null ? hint : "allowed: " + String.join(", ", sorted(allowed)));
            }
        }
    }

    private Problem problem(String pointer, String field, String message, String hint) {
        return new Problem(pointer.isEmpty() ? JsonPointer.empty() : JsonPointer.compile(pointer), id, field, message, hint);
    }

    /** A field name as a JSON pointer segment (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }

    /** A scalar that is not a string (JSON true, 12): say how to write it as one; nothing for lists and mappings. */
    private String quoteHint(String name, JsonNode node) {
        if (!node.isValueNode()) {
            return null;
        }
        return "put the value in double quotes: " + (json ? "\"" + name + "\"" : name) + ": \"" + node.asText() + "\"";
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            // a short word is quoted ('bot' is not a role); a long text or one holding '=', '@' or '://' may be a key or a
            // connection string pasted in the wrong field, and this message reaches the JSON report and the JUnit file
            case STRING -> node.asText().length() <= 30 && !node.asText().matches("(?s).*(=|@|://).*") ? "'" + node.asText() + "'"
                    : "a text of " + node.asText().length() + " characters";
            case NULL -> "nothing";
            default -> node.asText();
        };
    }
}
