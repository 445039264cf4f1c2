package dev.handoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.queue.QueueJson;
import dev.handoff.queue.Status;
import dev.handoff.text.Invisible;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static dev.handoff.cli.TailCommandTest.TOKEN;
import static dev.handoff.cli.TailCommandTest.event;
import static dev.handoff.cli.TailCommandTest.handoff;
import static dev.handoff.cli.TailCommandTest.json;
import static dev.handoff.cli.TailCommandTest.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code handoff tail} against an inbox that answers what no inbox would: text built to drive the
 * terminal (ESC, OSC, BEL, the one-byte CSI U+009B, U+202E) and fields of the wrong kind. Served
 * on 127.0.0.1 through the real command line.
 */
class TailHostileInboxTest {

    /** Retitles the window, rings the bell, clears the screen, starts a CSI, reverses the line. */
    static final String EVIL = "pending\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u202eevil";

    @TempDir
    Path home;

    MockWebServer inbox;
    volatile Function<RecordedRequest, MockResponse> lists;
    volatile Function<RecordedRequest, MockResponse> streams = r -> json(404, "{}");

    @BeforeEach
    void startInbox() throws IOException {
        inbox = new MockWebServer();
        inbox.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                return path.equals("/api/handoffs") ? lists.apply(r) : path.equals("/api/stream") ? streams.apply(r) : json(404, "{}");
            }
        });
        inbox.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stopInbox() {
        inbox.close();
    }

    private CliHarness cli() {
        return new CliHarness(home).env("HANDOFF_INBOX_TOKEN", TOKEN).env("USER", "alice");
    }

    private String url() {
        return inbox.url("/").toString();
    }

    private static MockResponse listOf(ObjectNode... items) {
        return json(200, page(12, items));
    }

    private static void assertPrintable(String text) {
        assertThat(text.chars().filter(c -> c != '\n' && Invisible.needsEscape(c)).mapToObj(Integer::toHexString).toList())
                .as("controls in %s", text).isEmpty();
    }

    @Test
    void aStatusBuiltToDriveTheTerminalIsPrintedEscapedInOneLine() {
        ObjectNode h = handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        h.put("status", EVIL);
        lists = r -> listOf(h);
        var r = cli().run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertPrintable(r.err());
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("handoff: " + url() + "api/handoffs?status=pending,in_progress&limit=500 sent a handoff that"
                + " cannot be read: field \"status\": expected pending, in_progress or resolved, got"
                + " \"pending\\u001B]0;PWNED\\u0007\\u001B[2J\\u009B31m\\u202Eevil\"");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anyErrorLineIsEscapedWhereverItsTextCameFrom() {
        // a server's error text reaches the message through other paths too: the error handler
        // escapes what the message holds, whoever built it
        var r = cli().run("tail", "--inbox", "http://127.0.0.1:1/\u001b]0;PWNED\u0007", "--once");
        assertPrintable(r.err());
        var bad = cli().run("tail", "--inbox", url(), "--poll", "soon\u009b2J\u202e", "--once");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("handoff: --poll: 'soon\\u009B2J\\u202E' is not a duration");
        assertPrintable(bad.err());
        // a message is one line: a line break in it cannot forge a second one
        var forged = cli().run("tail", "--inbox", url(), "--poll", "soon\nhandoff: all good", "--once");
        assertThat(forged.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("handoff: --poll: 'soon\\u000Ahandoff: all good' is not a duration");
        var unknown = cli().run("tail", "--inbox", url(), "--\u001b[2Jx");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("handoff: unknown option '--\\u001B[2Jx'");
        assertPrintable(unknown.err());
    }

    @Test
    void aFieldOfTheWrongKindIsOnePlainLineNotJacksonInternals() {
        ObjectNode h = handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        h.put("status", "exploded");
        h.put("id", "not-a-number");
        lists = r -> listOf(h);
        var r = cli().run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err()).isEqualTo("handoff: " + url() + "api/handoffs?status=pending,in_progress&limit=500 sent a handoff that cannot"
                + " be read: field \"id\": expected a whole number, got \"not-a-number\"\n"
                + "  check that the inbox and this tool are the same version\n");
        ObjectNode late = handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        late.putObject("created_at").put("seconds", 5);
        lists = q -> listOf(late);
        assertThat(cli().run("tail", "--inbox", url(), "--once").err())
                .contains("field \"created_at\": expected an ISO-8601 time such as 2025-09-19T12:34:56Z, got an object")
                .doesNotContain("Cannot deserialize", "Source:", "reference chain", "`");
    }

    @Test
    void aNullOrMissingIdStatusOrVersionIsRefusedLikeAnyFieldOfTheWrongKindNotACrashOrHandoffZero() {
        String listing = "handoff: " + url() + "api/handoffs?status=pending,in_progress&limit=500 sent a handoff that cannot be read: ";
        for (String field : List.of("id", "status", "version")) {
            ObjectNode nulled = handoff(2, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
            nulled.putNull(field);
            ObjectNode missing = handoff(2, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
            missing.remove(field);
            for (ObjectNode h : List.of(nulled, missing)) {
                lists = r -> listOf(handoff(1, "Sam Lee", "+447700900123", Status.PENDING, null, 1), h);
                String got = h.has(field) ? "null" : "nothing";
                for (String format : List.of("json", "text")) {
                    var r = cli().run("tail", "--inbox", url(), "--once", "-o", format);
                    assertThat(r.exitCode()).as(field + " " + got + " -o " + format + ": " + r).isEqualTo(ExitCode.REMOTE);
                    assertThat(r.err().lines().findFirst()).as(field + " " + got).contains(listing + "field \"" + field + "\": expected "
                            + (field.equals("status") ? "pending, in_progress or resolved" : "a whole number") + ", got " + got);
                    assertThat(r.out()).as("no handoff #0, nothing passed through").isEmpty();
                }
            }
        }
    }

    @Test
    void aNullItemInTheListIsRefusedInOneLineNotACrash() {
        String good = handoff(1, "Sam Lee", "+447700900123", Status.PENDING, null, 1).toString();
        lists = r -> json(200, "{\"items\":[" + good + ",null],\"next_cursor\":null,\"seq\":12}");
        for (String format : List.of("json", "text")) {
            var r = cli().run("tail", "--inbox", url(), "--once", "-o", format);
            assertThat(r.exitCode()).as(format + ": " + r).isEqualTo(ExitCode.REMOTE);
            assertThat(r.err()).contains("sent a handoff that cannot be read: expected a JSON object, got null")
                    .doesNotContain("internal error");
        }
    }

    @Test
    void nullTextsAndTimesAreReadAndShownAsEmpty() {
        ObjectNode h = handoff(3, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        for (String field : List.of("agent_id", "agent_external_id", "name", "phone_number", "summary", "reason", "created_at",
                "received_at", "claimed_by", "updated_at", "resolved_by", "resolved_at", "whatsapp_url")) {
            h.putNull(field);
        }
        lists = r -> listOf(h);
        var r = cli().run("tail", "--inbox", url(), "--once", "-o", "text");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Pending", "1 handoff (inbox ");
    }

    @Test
    void whileFollowingTheConnectionStateLinesAreEscapedToo() throws Exception {
        ObjectNode evil = handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        evil.put("status", EVIL);
        AtomicInteger listed = new AtomicInteger();
        // the first two readings of the queue fail, the third works, and one change ends --count 1;
        // okhttp quotes a malformed status line as it came ("Unexpected status line: ..."), and the
        // connection state line prints that: only stderr's own escaping stands between it and the terminal
        lists = r -> switch (listed.incrementAndGet()) {
            case 1 -> new MockResponse.Builder().status("HTTP/1.1 2\u001b]2;OWNED\u0007 OK").build();
            case 2 -> listOf(evil);
            default -> listOf();
        };
        streams = r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
                .body(event(13, handoff(4, "Sam Lee", "+447700900123", Status.PENDING, null, 1))).build();
        var r = cli().run("tail", "--inbox", url(), "--count", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertPrintable(r.err());
        assertThat(r.err()).contains("reconnecting since ", "HTTP/1.1 2\\u001B]2;OWNED\\u0007 OK)",
                "(the server sent a handoff that cannot be read: field \"status\"", "got \"pending\\u001B]0;PWNED\\u0007");
    }

    @Test
    void jsonLinesEscapeC1AndTextDirectionControlsAndStillDecodeToTheSameText() throws Exception {
        String name = "Omar \u009b2J\u202eevil\u2066x\u2069 \u061c\u200e\u200f\u2028\u2029 \u007f\u001b[31m Haddad \u00e9\u4e2d\ud83d\ude00";
        ObjectNode h = handoff(2, name, "+4915112345678", Status.PENDING, null, 1);
        lists = r -> listOf(h);
        var r = cli().run("tail", "--inbox", url(), "--once", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String line = r.out().strip();
        assertPrintable(line);
        assertThat(line).contains("\\u009B2J\\u202Eevil\\u2066x\\u2069 \\u061C\\u200E\\u200F\\u2028\\u2029 \\u007F\\u001B[31m")
                .contains("Haddad \u00e9\u4e2d\ud83d\ude00");
        JsonNode decoded = QueueJson.mapper().readTree(line);
        assertThat(decoded.path("handoff").path("name").asText()).isEqualTo(name);
    }

    @Test
    void aListThatKeepsHandingOutTheSameCursorEndsWithOneLineNotForever() {
        ObjectNode h = handoff(1, "Jane Doe", "+15551234567", Status.PENDING, null, 1);
        ObjectNode page = (ObjectNode) QueueJson.mapper().valueToTree(java.util.Map.of("seq", 12, "next_cursor", "SAME"));
        page.putArray("items").add(h);
        lists = r -> json(200, page.toString());
        var r = cli().run("tail", "--inbox", url(), "--once");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.REMOTE);
        assertThat(r.err().lines().toList()).hasSize(2).first().asString().isEqualTo("handoff: " + url()
                + "api/handoffs?status=pending,in_progress&limit=500&cursor=SAME returned a next_cursor it had returned before:"
                + " the list would never end");
        assertThat(inbox.getRequestCount()).as("the first page, then the one its cursor named").isEqualTo(2);
    }

    @Test
    void countZeroIsAUsageErrorNotForever() {
        lists = r -> listOf();
        var r = cli().run("tail", "--inbox", url(), "--count", "0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("handoff: --count must be at least 1, not 0\n"
                + "  leave out --count to follow until interrupted\n");
        assertThat(cli().run("tail", "--inbox", url(), "--count", "-3").err()).startsWith("handoff: --count must be at least 1, not -3");
        assertThat(cli().run("tail", "--help").out().replaceAll("\\s+", " ")).contains("exit after N changes, N at least 1");
    }
}
