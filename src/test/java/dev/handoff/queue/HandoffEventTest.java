package dev.handoff.queue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoffEventTest {

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/queue", name));
    }

    @Test
    void theSeedsEventParsesIntoEveryField() throws Exception {
        HandoffEvent e = HandoffEvent.parse(fixture("plugit-handoff-event.json"));
        assertThat(e).isEqualTo(new HandoffEvent("agt_123", "crm-42", "Jane Doe", "+15551234567",
                "User asked to speak with a human.", "criteria_matched: user_requested_human",
                Instant.parse("2025-09-19T12:34:56Z")));
    }

    @Test
    void offsetsNullsAndUnknownFieldsAreAccepted() throws Exception {
        HandoffEvent e = HandoffEvent.parse(fixture("event-national-number-extra-fields.json"));
        assertThat(e.createdAt()).isEqualTo(Instant.parse("2025-09-19T12:34:56Z"));
        assertThat(e.agentExternalId()).isNull();
        assertThat(e.phoneNumber()).isEqualTo("0151 23456789");
    }

    @Test
    void aNulCharacterIsReplacedInTextAndRefusedInWhatIdentifiesTheHandoff() throws Exception {
        HandoffEvent e = HandoffEvent.parse(("{\"agent\":{\"id\":\"a\"},\"name\":\"J\\u0000D\",\"phone_number\":\"+4915123456789\","
                + "\"created_at\":\"2025-09-19T12:34:56Z\"}").getBytes());
        assertThat(e.name()).isEqualTo("J\uFFFDD");
        for (String[] field : new String[][] {{"agent.id", "{\"agent\":{\"id\":\"a\\u0000\"},\"phone_number\":\"+49151\",\"created_at\":\"2025-09-19T12:34:56Z\"}"},
                {"phone_number", "{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+49151\\u0000\",\"created_at\":\"2025-09-19T12:34:56Z\"}"}}) {
            assertThatThrownBy(() -> HandoffEvent.parse(field[1].getBytes()))
                    .isInstanceOfSatisfying(HandoffEvent.InvalidEventException.class, x -> {
                        assertThat(x.field()).isEqualTo(field[0]);
                        assertThat(x.getMessage()).contains("NUL");
                    });
        }
    }

    @Test
    void optionalFieldsMayBeAbsent() throws Exception {
        HandoffEvent e = HandoffEvent.parse(
                "{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+4915123456789\",\"created_at\":\"2025-09-19T12:34:56.5Z\"}"
                        .getBytes());
        assertThat(e.name()).isNull();
        assertThat(e.summary()).isNull();
        assertThat(e.reason()).isNull();
        assertThat(e.createdAt()).isEqualTo(Instant.parse("2025-09-19T12:34:56.500Z"));
    }

    @Test
    void basicFormatOffsetsAndLeapSecondsAreReadNotRefused() throws Exception {
        assertThat(createdAt("2025-09-19T12:34:56+0000")).isEqualTo(Instant.parse("2025-09-19T12:34:56Z"));
        assertThat(createdAt("2025-09-19T12:34:56+1400")).isEqualTo(Instant.parse("2025-09-18T22:34:56Z"));
        assertThat(createdAt("2025-09-19T12:34:56.25-0530")).isEqualTo(Instant.parse("2025-09-19T18:04:56.250Z"));
        assertThat(createdAt("2025-09-19T12:34:56+02")).isEqualTo(Instant.parse("2025-09-19T10:34:56Z"));
        // a leap second is :59 plus one second: the first instant of the next minute, after 23:59:59
        assertThat(createdAt("2016-12-31T23:59:60Z")).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertThat(createdAt("2016-12-31T23:59:60.5Z")).isEqualTo(Instant.parse("2017-01-01T00:00:00.500Z"));
        assertThat(createdAt("2016-12-31T18:59:60-0500")).isEqualTo(Instant.parse("2017-01-01T00:00:00Z"));
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\",\"created_at\":\"2025-09-19T12:34:60Z\"}", "created_at",
                "'2025-09-19T12:34:60Z' is not an ISO-8601 date-time with offset, e.g. 2025-09-19T12:34:56Z");
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\",\"created_at\":\"2025-09-19T12:34:56+2500\"}", "created_at",
                "'2025-09-19T12:34:56+2500' is not an ISO-8601 date-time with offset, e.g. 2025-09-19T12:34:56Z");
    }

    private static Instant createdAt(String text) throws Exception {
        return HandoffEvent.parse(("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+4915123456789\",\"created_at\":\""
                + text + "\"}").getBytes()).createdAt();
    }

    @Test
    void everyRefusalNamesTheField() {
        assertRefused("{}", "agent", "required object is missing");
        assertRefused("{\"agent\":\"agt_1\"}", "agent", "must be an object, got a string");
        assertRefused("{\"agent\":{\"id\":\" \"}}", "agent.id", "must not be empty");
        assertRefused("{\"agent\":{\"id\":\"a\",\"external_id\":5}}", "agent.external_id", "must be a string or null, got a number");
        assertRefused("{\"agent\":{\"id\":\"a\"}}", "phone_number", "required field is missing");
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\",\"name\":[\"x\"]}", "name", "must be a string or null, got an array");
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\"}", "created_at", "required field is missing");
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\",\"created_at\":\"2025-09-19 12:34:56\"}", "created_at",
                "'2025-09-19 12:34:56' is not an ISO-8601 date-time with offset, e.g. 2025-09-19T12:34:56Z");
        assertRefused("{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+1\",\"created_at\":\"2025-09-19T12:34:56\"}", "created_at",
                "'2025-09-19T12:34:56' is not an ISO-8601 date-time with offset, e.g. 2025-09-19T12:34:56Z");
    }

    @Test
    void wholeBodyProblemsHaveNoField() {
        assertRefused("", null, "empty body; expected a JSON object");
        assertRefused("\"text\"", null, "expected a JSON object, got a string");
        assertRefused("{} {}", null, "more than one JSON value in the body at line 1, column 4; send one event, one JSON object, per request");
        assertRefused("{\"agent\":", null, null);
    }

    private static void assertRefused(String body, String field, String message) {
        assertThatThrownBy(() -> HandoffEvent.parse(body.getBytes()))
                .isInstanceOfSatisfying(HandoffEvent.InvalidEventException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    if (message != null) {
                        assertThat(e.getMessage()).isEqualTo(message);
                    } else {
                        assertThat(e.getMessage()).startsWith("malformed JSON at line 1");
                    }
                });
    }

    @Test
    void twoObjectsInOneBodyAreSaidSoWithoutTheParsersSettings() {
        String two = "{\"agent\":{\"id\":\"a\"},\"phone_number\":\"+15551234567\",\"created_at\":\"2025-09-19T12:34:56Z\"}";
        for (String body : new String[]{two + two, two + "\n" + two, two + " 7", two + " [1]"}) {
            assertThatThrownBy(() -> HandoffEvent.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOf(HandoffEvent.InvalidEventException.class)
                    .hasMessageStartingWith("more than one JSON value in the body at line")
                    .hasMessageNotContaining("Trailing token").hasMessageNotContaining("DeserializationFeature")
                    .hasMessageNotContaining("START_OBJECT");
        }
    }

    @org.junit.jupiter.api.Test
    void parserMessagesNameNeitherTheParsersClassesNorTheSource() {
        for (String body : new String[]{"{\"agent_id\": 1} trailing", "{\"a\": tru}", "[1, 2", "{\"a\": \"\u0001\"}",
                "{\"x\": NaN}", "{\"x\": \"\\x\"}", "{\"x\": 1"}) {
            assertThatThrownBy(() -> HandoffEvent.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOf(HandoffEvent.InvalidEventException.class)
                    .hasMessageStartingWith("malformed JSON")
                    .hasMessageNotContaining("com.fasterxml").hasMessageNotContaining("[Source").hasMessageNotContaining("REDACTED")
                    .hasMessageNotContaining("JsonReadFeature").hasMessageNotContaining("(code ").hasMessageNotContaining("the file");
        }
    }
}
