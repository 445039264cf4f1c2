package dev.handoff.tui;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.handoff.queue.Handoff;
import dev.handoff.queue.Status;
import dev.handoff.text.Invisible;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;

/**
 * Why a handoff a source sent cannot be read, in one plain line naming the field:
 * {@code field "id": expected a whole number, got "not-a-number"}. Jackson's own message ran
 * over three lines of its internals (Java types, "[Source: UNKNOWN; byte offset: #UNKNOWN]", the
 * reference chain), and quoted the server's value raw.
 */
final class WireProblem {

    /** Longest quoted value: a 5 MB name must not become a 5 MB error line. */
    private static final int MAX_VALUE = 60;

    /** The fields every inbox sends and the tail relies on: which handoff, in which state, how new. */
    private static final List<String> REQUIRED = List.of("id", "status", "version");

    private WireProblem() {
    }

    /** @param handoff the JSON that failed to convert; {@code e} what Jackson threw */
    static String describe(JsonNode handoff, IllegalArgumentException e) {
        JsonMappingException mapping = mappingCause(e);
        if (mapping == null) {
            return firstLine(e.getMessage());
        }
        List<JsonMappingException.Reference> path = mapping.getPath();
        StringBuilder shown = new StringBuilder();
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                shown.append(shown.length() == 0 ? "" : ".").append(ref.getFieldName());
                pointer.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (ref.getIndex() >= 0) {
                shown.append('[').append(ref.getIndex()).append(']');
                pointer.append('/').append(ref.getIndex());
            }
        }
        if (shown.length() == 0) {
            return "expected a JSON object, got " + value(handoff);
        }
        JsonNode value = handoff.at(JsonPointer.compile(pointer.toString()));
        String last = path.get(path.size() - 1).getFieldName();
        return "field \"" + Invisible.escaped(shortened(shown.toString())) + "\": expected " + expected(last)
                + ", got " + value(value);
    }

    /**
     * Why a handoff lacks a field the tail cannot do without, or null when it has them all. Jackson
     * reads a null or missing {@code id} or {@code version} as 0 and a null {@code status} as no
     * status at all: an invented handoff #0 that c/u/r would act on, or a crash later.
     */
    static String missingRequired(JsonNode handoff) {
        if (handoff == null || handoff.isNull() || handoff.isMissingNode()) {
            // Jackson reads a null item as no handoff at all, which crashed the table and stopped the live view
            return "expected a JSON object, got " + value(handoff);
        }
        if (!handoff.isObject()) {
            return null;
        }
        for (String field : REQUIRED) {
            JsonNode value = handoff.get(field);
            if (value == null || value.isNull()) {
                return "field \"" + field + "\": expected " + expected(field) + ", got " + value(value);
            }
        }
        return null;
    }

    private static JsonMappingException mappingCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException m) {
                return m;
            }
        }
        return null;
    }

    /** What the record's field of that wire name holds, in words. */
    private static String expected(String wireName) {
        if (wireName != null) {
            var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
            for (RecordComponent c : Handoff.class.getRecordComponents()) {
                if (snake.translate(c.getName()).equals(wireName)) {
                    return words(c.getType());
                }
            }
        }
        return "another value";
    }

    private static String words(Class<?> type) {
        if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 time such as 2025-09-19T12:34:56Z";
        }
        if (type == Status.class) {
            return "pending, in_progress or resolved";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    /** The value as the source sent it, shortened and with its controls shown escaped. */
    private static String value(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "\"" + Invisible.escaped(shortened(v.asText())) + "\"";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        return Invisible.escaped(shortened(v.asText()));
    }

    private static String shortened(String s) {
        if (s.length() <= MAX_VALUE) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_VALUE - 1)) ? MAX_VALUE - 1 : MAX_VALUE;
        return s.substring(0, end) + "\u2026";
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message.strip();
        int br = m.indexOf('\n');
        return Invisible.escaped(shortened(br >= 0 ? m.substring(0, br).strip() : m));
    }
}
