package dev.handoff.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The webhook event a bot platform sends when a conversation needs a person (seed
 * plugit-categories-webhook: agent.id, agent.external_id, name, phone_number, summary, reason,
 * created_at). Fields the event carries beyond these stay in the raw event the store keeps.
 *
 * <p>Only what the queue cannot work without is required (agent.id, phone_number, created_at):
 * a 400 makes the platform drop the handoff, so the other fields may be absent or null.
 */
public record HandoffEvent(String agentId, String agentExternalId, String name, String phoneNumber, String summary,
                           String reason, Instant createdAt) {

    /** Deeper than any real event (the seed's is 2 levels); stops stack and CPU exhaustion by nesting. */
    public static final int MAX_NESTING = 64;
    /** Digits in one number; the event carries none, so a long one is an attack, not data. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final ObjectReader READER = QueueJson.mapper().copyWith(constrained(QueueJson.mapper().getFactory()))
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The shared factory (duplicate keys refused, ...) with tighter read limits. */
    private static JsonFactory constrained(JsonFactory shared) {
        JsonFactory factory = shared.copy();
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        return factory;
    }

    /** Why an event was refused: the field path (or null for the whole body) and a plain reason. */
    public static final class InvalidEventException extends Exception {
        private final String field;

        public InvalidEventException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static HandoffEvent parse(byte[] body) throws InvalidEventException {
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidEventException(null, limitBroken(e) + where(e));
        } catch (JsonProcessingException e) {
            if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException
                    && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                // Jackson's words name its own setting (FAIL_ON_TRAILING_TOKENS), which helps no sender
                throw new InvalidEventException(null, "more than one JSON value in the body" + where(e)
                        + "; send one event, one JSON object, per request");
            }
            throw new InvalidEventException(null, "malformed JSON" + where(e) + ": " + dev.handoff.files.ParseErrors.describe(e));
        } catch (IOException e) {
            throw new InvalidEventException(null, "unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidEventException(null, "empty body; expected a JSON object");
        }
        if (!root.isObject()) {
            throw new InvalidEventException(null, "expected a JSON object, got " + kind(root));
        }
        JsonNode agent = root.get("agent");
        if (agent == null || agent.isNull()) {
            throw new InvalidEventException("agent", "required object is missing");
        }
        if (!agent.isObject()) {
            throw new InvalidEventException("agent", "must be an object, got " + kind(agent));
        }
        String agentId = requiredString(agent, "id", "agent.id");
        String externalId = optionalString(agent, "external_id", "agent.external_id");
        String name = optionalString(root, "name", "name");
        String phone = requiredString(root, "phone_number", "phone_number");
        String summary = optionalString(root, "summary", "summary");
        String reason = optionalString(root, "reason", "reason");
        Instant createdAt = parseInstant(requiredString(root, "created_at", "created_at"));
        return new HandoffEvent(agentId, externalId, name, phone, summary, reason, createdAt);
    }

    private static String limitBroken(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "JSON nested deeper than " + MAX_NESTING + " levels; a handoff event is a few levels deep";
        }
        if (message.contains("Number value length")) {
            return "number longer than " + MAX_NUMBER_LENGTH + " characters; a handoff event carries no such number";
        }
        return "JSON beyond the parser's limits: " + dev.handoff.files.ParseErrors.describe(e);
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * The times an event may carry. The store keeps epoch milliseconds, which overflow far beyond
     * this; a time outside it is a sender's bug, and a 400 (not a 503 the platform retries forever)
     * tells it so.
     */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /** An offset in ISO 8601's basic format (+0200, +14, -0500), as date +%FT%T%z and many loggers write it. */
    private static final java.util.regex.Pattern BASIC_OFFSET =
            java.util.regex.Pattern.compile("(T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)([+-]\\d{2})(\\d{2})?$");
    /** A leap second: second 60, followed by a fraction or the offset. */
    private static final java.util.regex.Pattern LEAP_SECOND =
            java.util.regex.Pattern.compile("(T\\d{2}:\\d{2}:)60(?=[.Zz+-])");

    /**
     * ISO 8601 with an offset, read leniently: a 400 makes the platform drop the handoff, so the
     * forms ISO 8601 allows beyond java.time's default are read too. A basic-format offset is read
     * as the extended one; a leap second (23:59:60 UTC, in any offset) is read as :59 plus one
     * second, i.e. the first instant of the next minute, which keeps it after 23:59:59.
     */
    private static Instant parseInstant(String text) throws InvalidEventException {
        String iso = BASIC_OFFSET.matcher(text).replaceFirst(m -> m.group(1) + m.group(2) + ":"
                + (m.group(3) == null ? "00" : m.group(3)));
        java.util.regex.Matcher leap = LEAP_SECOND.matcher(iso);
        boolean leapSecond = leap.find();
        if (leapSecond) {
            iso = leap.replaceFirst("$159");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw notATime(text);
        }
        if (leapSecond) {
            java.time.LocalTime utc = at.atOffset(java.time.ZoneOffset.UTC).toLocalTime();
            if (utc.getHour() != 23 || utc.getMinute() != 59) {
                throw notATime(text); // a second 60 is only ever the last minute of a UTC day
            }
            at = at.plusSeconds(1);
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new InvalidEventException("created_at",
                    "'" + abbreviate(text) + "' is outside the accepted range, 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        return at;
    }

    private static InvalidEventException notATime(String text) {
        return new InvalidEventException("created_at",
                "'" + abbreviate(text) + "' is not an ISO-8601 date-time with offset, e.g. 2025-09-19T12:34:56Z");
    }

    private static String requiredString(JsonNode parent, String key, String path) throws InvalidEventException {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw new InvalidEventException(path, "required field is missing");
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(path, "must be a string, got " + kind(node));
        }
        if (node.textValue().isBlank()) {
            throw new InvalidEventException(path, "must not be empty");
        }
        if (node.textValue().indexOf('\u0000') >= 0) {
            // PostgreSQL's text cannot hold it, and an identity is not repaired by guessing
            throw new InvalidEventException(path, "must not contain the NUL character (\\u0000)");
        }
        return node.textValue().strip();
    }

    private static String optionalString(JsonNode parent, String key, String path) throws InvalidEventException {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(path, "must be a string or null, got " + kind(node));
        }
        // PostgreSQL's text cannot hold U+0000: the event was answered 503 on every retry, never stored (SQLite took it).
        // Lenient on content: the replacement character stands in, the raw event keeps the original
        return node.textValue().replace('\u0000', '\uFFFD');
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
